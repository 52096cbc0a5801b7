// Package loss is the seeded loss audit of issue 14: several clients send a
// numbered message every 5 ms through a fault proxy (TCP FIN, RST, black
// hole, stall, outage on a schedule drawn from a logged seed) to a server
// that records every message it reads. Each message must end read by the
// server or handed back to the caller (an error from Send or Enqueue, an
// UnsentEvent): silently lost must be 0. Under HandBackUnconfirmed no
// message may be read twice; under the default re-send policy a message
// may be read twice, but never one a Flush had confirmed. The audit runs
// native clients in-process (TestLossAuditNative) and js/wasm clients in
// Node (TestLossAuditWasm, tests/loss/wasmclient), and logs sent, read,
// lost, duplicated, reordered and handed-back counts per policy and per
// preceding fault.
//
//	cd tests && go test -count=1 -run LossAudit -v ./loss
//	LOSS_SEED=7 go test -count=1 -run LossAudit -v ./loss   # another schedule
package loss
