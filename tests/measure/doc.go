// Package measure holds opt-in measurements of the client's reconnect
// behaviour against a real test server on loopback, run as benchmarks:
//
//	cd tests && go test -run '^$' -bench . -benchtime 1x ./measure
//
// BenchmarkReconnectLatency kills the server, brings it back on the same port
// halfway through the client's backoff, and reports how long after the server
// came back the client was open again, and how late that was against the
// scheduled retry. BenchmarkBackoffIdle reports the CPU time and goroutines
// of clients waiting in a long backoff (it should be idle: no polling).
// A plain `go test` runs only a short smoke test of both.
package measure
