// Package reconnect is Tether's reconnect policy: when a client whose connection
// was lost (or whose connect attempt failed) should try again, and after how long.
//
// It is pure policy. It does no I/O, starts no goroutines, sets no timers and reads
// no clock: time enters as the now argument of [Schedule.Opened] and
// [Schedule.Next], so tests never sleep. It imports only the standard library and
// github.com/cenkalti/backoff/v4, and builds unchanged for every platform,
// including the browser (js/wasm).
//
// # Policy and Schedule
//
// A [Policy] is a plain value whose zero fields mean the documented defaults
// ([DefaultPolicy] spells them out): first delay 1 s, growing ×2 to at most 30 s,
// each delay jittered by ±50 %, unlimited attempts and unlimited elapsed time,
// 10 s per connect attempt. The first Dial fails fast unless
// [Policy.RetryFirstDial] is set. Each client keeps its state in a [Schedule]:
//
//	s := policy.NewSchedule()
//	s.Opened(now)                 // a connection opened
//	d := s.Next(now, err)         // it was lost, or an attempt failed, with err
//	if d.Retry { wait d.Delay, dial attempt d.Attempt } else { give up with d.Err }
//
// The backoff grows with every failed attempt and starts over only once a
// connection has stayed open for [Policy.MinUptime] (5 s). A server that accepts
// connections and drops them at once therefore meets growing delays, not a hot
// loop. The growth comes from backoff.ExponentialBackOff with MaxElapsedTime 0
// (backoff's own default of 15 minutes would make clients give up on a server
// that is down for longer); the jitter comes from a per-Schedule math/rand/v2
// source, seeded randomly or from [Policy.Seed], so that clients dropped together
// do not come back together.
//
// # Classification
//
// [Classify] decides whether an error is worth another attempt. It recognises
// errors by method sets, anywhere in the error chain, so it depends on no
// transport:
//
//   - CloseCode() int; FromPeer() bool: the connection was closed with a close frame.
//   - HandshakeStatus() int; RetryAfterHint() time.Duration: the server rejected the
//     opening handshake with an HTTP status.
//   - Retryable() bool: the error states its own retryability (TLS certificate
//     errors and subprotocol mismatches say false).
//
// The checks run in this order; the first that matches decides:
//
//	error                                       verdict
//	------------------------------------------  ---------------------------------------
//	nil                                         retry
//	context.Canceled (the caller closed)        stop
//	Retryable() false (TLS certificate,         stop
//	  subprotocol mismatch)
//	Retryable() true                            retry
//	close 1000 from the server (FromPeer)       stop  (the server ended the session)
//	close 1000 sent by this client              retry (the client closed for its own
//	                                                   reasons, not the caller's)
//	close 1001, 1005, 1006, 1011, 1012, 1014    retry
//	close 1013 (try again later)                retry, delay × TryAgainLaterFactor
//	close 1002, 1003, 1007, 1008, 1009, 1010    stop
//	close 3000–3999 (registered)                retry
//	close 4000–4999 (application)               retry
//	close, any other code (1004, 1015, …)       retry
//	handshake HTTP 429, 503                     retry, not before Retry-After
//	handshake HTTP 408, other 5xx               retry
//	handshake HTTP 4xx other than 408, 429      stop
//	handshake, any other status                 retry
//	context.DeadlineExceeded (connect timeout)  retry
//	anything else (network errors, io.EOF, …)   retry
//
// Close codes are classified whichever side sent them, except 1000. Application
// codes 4000–4999 are retried because their meaning is the application's: set
// [Policy.ShouldRetry] to make some final. ShouldRetry sees the built-in
// [Verdict] and returns the one to use.
//
// A server's Retry-After (HTTP 429 and 503) is honoured: the delay is never
// shorter than the backoff delay nor than Retry-After, which is capped at
// [Policy.MaxRetryAfter] (5 min). After close 1013 the delay is multiplied by
// [Policy.TryAgainLaterFactor] (4), capped at max(MaxDelay, MaxRetryAfter).
//
// # Wasm
//
// In browsers the WebSocket API hides why a connection failed: a rejected
// handshake (HTTP 401, 403, 429, 503, …), an unverifiable certificate and an
// unreachable host all look like close 1006 (abnormal closure). The handshake
// status and Retry-After are invisible, so such failures are retried, bounded only
// by the backoff (once grown, roughly one attempt per MaxDelay) and by
// [Policy.MaxAttempts]. Set MaxAttempts in browser clients that should give up
// on a server that keeps refusing them.
package reconnect
