package retry

import (
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/reconnect"
)

// Decision is what a [Schedule] decided after a lost connection or a failed
// attempt. Its words mean what they mean in sdk.ReconnectingEvent and
// sdk.CloseEvent: Retry is the same count, Cause the same error, Final the
// same end.
type Decision struct {
	// Final reports that the client gives up: it stays closed and reports Cause.
	// Zero (false): make another attempt after Delay.
	Final bool
	// Delay is how long to wait before the attempt. Zero when Final.
	Delay time.Duration
	// Retry is the number of the retry about to be made, from 1: the failed
	// connections or attempts in a row since the last connection that stayed
	// open at least MinUptime (the initial Dial is not counted). MaxAttempts
	// bounds it. When Final it is the number of retries already made.
	Retry int
	// Reason says why, for logs and events, e.g. "close 1006 (abnormal closure) is
	// transient" or "gave up after 5 failed attempts in a row (MaxAttempts): …".
	Reason string
	// Cause is the error passed to [Schedule.Next]; nil if none was.
	Cause error
}

// Schedule is one client's reconnect state: the backoff, the retry count and
// when the current connection opened. It does no I/O, starts no goroutines and
// reads no clock: time enters as the now argument of each call. A client makes
// one Schedule per Dial with [NewSchedule].
//
// A Schedule is not safe for concurrent use; the client calls it from one
// goroutine.
type Schedule struct {
	p       reconnect.Policy // sanitized: defaults filled in, invalid fields replaced
	bo      *backoff.ExponentialBackOff
	clock   *argClock
	jitter  jitter
	retries int // retries granted since the last reset

	open       bool      // a connection is open (Opened, not yet Next)
	openedAt   time.Time // when it opened
	everOpened bool      // some connection opened: failures are no longer the first dial's
}

// argClock feeds backoff the time of the latest call, so the Schedule never reads
// the wall clock. (With MaxElapsedTime 0 backoff only stores it.)
type argClock struct{ now time.Time }

func (c *argClock) Now() time.Time { return c.now }

// NewSchedule returns a fresh Schedule following p. Zero fields of p take their
// defaults; fields that [Validate] would reject are replaced by their defaults
// too, so call Validate first to report them to the user.
//
// seed seeds the jitter. Non-zero: the same seed gives the same sequence of
// delays (tests, the CLI's demo); give each client its own seed, or clients
// with the same seed reconnect in lockstep. Zero: a randomly seeded source.
func NewSchedule(p reconnect.Policy, seed uint64) *Schedule {
	p = sanitized(p)
	c := &argClock{}
	bo := &backoff.ExponentialBackOff{
		InitialInterval: p.InitialDelay,
		Multiplier:      p.Multiplier,
		MaxInterval:     p.MaxDelay,
		// Never give up on elapsed time: backoff's default of 15 min would make a
		// client abandon a server that is down for longer. MaxAttempts is the limit.
		MaxElapsedTime: 0,
		// Jitter is applied by the Schedule with its own (seedable) source.
		RandomizationFactor: 0,
		Stop:                backoff.Stop,
		Clock:               c,
	}
	bo.Reset()
	return &Schedule{p: p, bo: bo, clock: c, jitter: newJitter(jitterFactor(p), seed)}
}

// Retries returns the number of retries granted since the last reset: the
// Retry of the latest Decision that was not final, or 0.
func (s *Schedule) Retries() int { return s.retries }

// Opened records that a connection opened at now. Its uptime is measured from
// here when [Schedule.Next] reports it lost.
func (s *Schedule) Opened(now time.Time) {
	s.clock.now = now
	s.open, s.openedAt, s.everOpened = true, now, true
}

// Next decides what to do after the connection was lost, or an attempt failed,
// at now, with err (nil is allowed and retried). In order:
//
//  1. If a connection was open (Opened since the last Next) and stayed open at
//     least MinUptime, the backoff and the attempt count start over. A shorter
//     connection counts as a failed attempt: the delays keep growing.
//  2. Stop if Policy.Disabled, or if no connection ever opened and
//     Policy.RetryFirstDial is off (the first Dial fails fast).
//  3. Classify err ([Classify], then Policy.ShouldRetry if set); stop if the
//     verdict says so.
//  4. Stop if MaxAttempts attempts in a row have already failed.
//  5. Otherwise retry: the delay is the next exponential backoff interval, times a
//     uniform draw from [1−Jitter, 1+Jitter] (exactly 1 if Jitter is negative),
//     capped at MaxDelay.
//     A verdict Factor above 1 (close 1013) multiplies it, capped at
//     max(MaxDelay, MaxRetryAfter). A verdict MinDelay (Retry-After) raises it to
//     min(MinDelay, MaxRetryAfter) if that is longer.
func (s *Schedule) Next(now time.Time, err error) Decision {
	s.clock.now = now
	s.noteLoss(now)
	if reason := s.blocked(); reason != "" {
		return s.stop(reason, err)
	}
	v := s.verdict(err)
	if !v.Retry {
		if v.Reason == "" {
			v.Reason = "Policy.ShouldRetry declined to retry"
		}
		return s.stop(v.Reason, err)
	}
	if s.p.MaxAttempts > 0 && s.retries >= s.p.MaxAttempts {
		return s.stop(errfmt.Sprintf("gave up after %d failed attempts in a row (MaxAttempts): %s", s.retries, v.Reason), err)
	}
	s.retries++
	return Decision{Delay: s.delay(v), Retry: s.retries, Reason: v.Reason, Cause: err}
}

// noteLoss ends the open connection, if any, resetting the backoff if it lasted.
func (s *Schedule) noteLoss(now time.Time) {
	if !s.open {
		return
	}
	s.open = false
	if now.Sub(s.openedAt) >= s.p.MinUptime {
		s.bo.Reset()
		s.retries = 0
	}
}

// blocked returns why the policy forbids any retry now, or "".
func (s *Schedule) blocked() string {
	switch {
	case s.p.Disabled:
		return "reconnect is disabled (Policy.Disabled)"
	case !s.everOpened && !s.p.RetryFirstDial:
		return "the first dial failed and Policy.RetryFirstDial is off"
	}
	return ""
}

func (s *Schedule) verdict(err error) reconnect.Verdict {
	v := Classify(err)
	if s.p.ShouldRetry != nil {
		v = s.p.ShouldRetry(err, v)
	}
	return v
}

func (s *Schedule) delay(v reconnect.Verdict) time.Duration {
	base := s.bo.NextBackOff()
	if base < 0 { // backoff.Stop; cannot happen with MaxElapsedTime 0
		base = s.p.MaxDelay
	}
	d := s.jitter.apply(base, s.p.MaxDelay)
	if v.Factor > 1 {
		d = scaleCapped(d, v.Factor, max(s.p.MaxDelay, s.p.MaxRetryAfter))
	}
	if v.MinDelay > 0 {
		d = max(d, min(v.MinDelay, s.p.MaxRetryAfter))
	}
	return d
}

func (s *Schedule) stop(reason string, err error) Decision {
	return Decision{Final: true, Retry: s.retries, Reason: reason, Cause: err}
}
