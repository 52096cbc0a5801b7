package reconnect

import "time"

// Verdict is a retry classification, what [Policy.ShouldRetry] receives and
// returns: whether an error is worth another attempt, and any constraint on the
// delay before it. The zero Verdict means "stop", with no reason given.
type Verdict struct {
	// Retry reports whether to try again. Zero (false): stop.
	Retry bool
	// Reason says why, in words fit for a log line or an event, for example
	// "close 1008 (policy violation) is permanent". Zero (""): no reason given.
	Reason string
	// MinDelay is the shortest delay the server asked for (Retry-After on HTTP 429
	// and 503), as reported, before [Policy.MaxRetryAfter] caps it. The delay used is
	// never shorter than the backoff delay. Zero: no constraint.
	MinDelay time.Duration
	// Factor multiplies the backoff delay for this attempt (close 1013, try again
	// later). Zero, or any value at most 1: the delay is left unchanged.
	Factor float64
}
