// Package retry is the machinery behind a reconnect.Policy: the per-client
// [Schedule] that decides when to try again and after how long, the built-in
// retry classification ([Classify]), and the policy's defaults and validation
// ([WithDefaults], [Validate]). Package reconnect holds the plain value users
// configure; this package runs it, as grpc-go's internal/backoff runs its
// public backoff.Config.
//
// It does no I/O, starts no goroutines, sets no timers and reads no clock: time
// enters as the now argument of [Schedule.Opened] and [Schedule.Next], so tests
// never sleep. It imports only the standard library, reconnect and
// github.com/cenkalti/backoff/v4, and builds unchanged for every platform,
// including the browser (js/wasm).
//
// The client makes one Schedule per Dial:
//
//	s := retry.NewSchedule(policy, 0)  // 0: randomly seeded jitter
//	s.Opened(now)                      // a connection opened
//	d := s.Next(now, err)              // it was lost, or an attempt failed, with err
//	if d.Final { give up with d.Cause } else { wait d.Delay, then retry number d.Retry }
//
// A [Decision] uses the words of sdk.ReconnectingEvent and sdk.CloseEvent:
// Retry is the event's Retry (failed attempts in a row, what MaxAttempts
// bounds), not its Attempt (attempts since the client started, which the
// client counts); Cause is the event's Cause; Final is CloseEvent.Final.
//
// The growth comes from backoff.ExponentialBackOff with MaxElapsedTime 0
// (backoff's own default of 15 minutes would make clients give up on a server
// that is down for longer); the jitter comes from a per-Schedule math/rand/v2
// source, seeded randomly or from NewSchedule's seed, so that clients dropped
// together do not come back together.
package retry
