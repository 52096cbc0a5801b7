// Package reconnect is Tether's reconnect policy: when a client whose connection
// was lost (or whose connect attempt failed) should try again, and after how
// long. A [Policy] is a plain value the user sets in sdk.Options.Reconnect;
// the client runs it. The package holds no machinery: it imports only the
// standard library and builds unchanged for every platform, including the
// browser (js/wasm).
//
// # Policy
//
// Zero fields mean the documented defaults ([DefaultPolicy] spells them out):
// first delay 1 s, growing ×2 to at most 30 s, each delay jittered by ±50 %,
// unlimited attempts and unlimited elapsed time. The first Dial fails fast
// unless [Policy.RetryFirstDial] is set. How long one attempt may take is not
// part of the policy: sdk.Options.HandshakeTimeout bounds it (10 s).
//
// The backoff grows with every failed attempt and starts over only once a
// connection has stayed open for [Policy.MinUptime] (5 s). A server that accepts
// connections and drops them at once therefore meets growing delays, not a hot
// loop. Each client draws its jitter from its own randomly seeded source, so
// that clients dropped together do not come back together; a negative
// [Policy.Jitter] turns jitter off. The growth never gives up on elapsed time
// (cenkalti/backoff's MaxElapsedTime 0): [Policy.MaxAttempts] is the only limit.
//
// # Classification
//
// The client decides whether an error is worth another attempt by a built-in
// classification. It recognises the client's errors anywhere in the error
// chain (errors.As, errors.Is): *transport.CloseError (the connection was closed with a
// close frame), *transport.HandshakeError (the server rejected the opening
// handshake with an HTTP status), and the errors retrying cannot fix.
//
// The checks run in this order; the first that matches decides:
//
//	error                                       verdict
//	------------------------------------------  ---------------------------------------
//	nil                                         retry
//	context.Canceled (the caller closed)        stop
//	sdk.ErrInvalidOptions (an Options mistake)  stop
//	transport.ErrCertificate (errors.Is),       stop
//	  *subprotocol.MismatchError,
//	  handshake answered 3xx (redirect)
//	close 1000 from the server (Remote)         stop  (the server ended the session)
//	close 1000 sent by this client              retry (the client closed for its own
//	                                                   reasons, not the caller's)
//	close 1001, 1005, 1006, 1011, 1012, 1014    retry
//	close 1013 (try again later)                retry, delay × 4
//	close 1002, 1003, 1007, 1008, 1009, 1010    stop
//	close 3000–3999 (registered)                retry
//	close 4000–4999 (application)               retry
//	close, any other code (1004, 1015, …)       retry
//	handshake HTTP 429, 503                     retry, not before Retry-After
//	handshake HTTP 408, other 5xx               retry
//	handshake HTTP 4xx other than 408, 429      stop
//	handshake, any other status                 retry
//	context.DeadlineExceeded (attempt timeout)  retry
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
// 4 (a ShouldRetry may return another Verdict.Factor), capped at
// max(MaxDelay, MaxRetryAfter).
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
