//go:build !js

package mobile

import (
	"time"

	"github.com/tetherws/tether/sdk"
)

// dialLoop runs sdk.Dial until a connection opens. With RetryFirstDial it
// retries failed attempts itself, by the same reconnect policy, instead of
// letting sdk.Dial do it: the SDK's backoff wait inside Dial is out of reach
// of ReconnectNow (there is no client yet), while this loop's wait is cut
// short by nudge (OnNetworkChange, OnForeground). gen numbers the attempts.
func (s *session) dialLoop() (cl *sdk.Client, gen int, err error) {
	policy := s.opts.Reconnect
	sched := policy.NewSchedule()
	for gen = 1; ; gen++ {
		cl, err = sdk.Dial(s.dialCtx, s.owner.url, s.attemptOptions(gen))
		if err == nil || !policy.RetryFirstDial || ErrorKindOf(err) == ErrorKindInvalid {
			return cl, gen, err
		}
		d := sched.Next(time.Now(), err)
		if !d.Retry || s.dialCtx.Err() != nil {
			return nil, gen, err
		}
		s.sdkState.Store(int32(sdk.Reconnecting))
		s.ctl.push(sdk.ReconnectingEvent{Attempt: d.Attempt, Delay: d.Delay, Cause: err})
		if !s.backoff(d.Delay) {
			return nil, gen, s.dialCtx.Err()
		}
	}
}

// attemptOptions returns the options of one sdk.Dial: the SDK does not retry
// the first dial itself, and its Closed event carries the attempt's number.
func (s *session) attemptOptions(gen int) *sdk.Options {
	o := *s.opts
	o.Reconnect.RetryFirstDial = false
	o.OnStateChange = func(e sdk.StateChangeEvent) { s.onState(gen, e) }
	return &o
}

// backoff waits d, less after nudge; false means the dial was cancelled.
func (s *session) backoff(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-s.skip:
	case <-s.dialCtx.Done():
		return false
	}
	return true
}
