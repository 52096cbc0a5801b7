package reconnect

import "time"

// Policy configures when and how fast a client reconnects. It is a plain value:
// copy it, change fields, hand it to the client (sdk.Options.Reconnect). Every
// zero field means "use the default" ([DefaultPolicy] spells them out), so the
// zero Policy is the default policy: reconnect with exponential backoff (1 s,
// ×2, ±50 % jitter, at most 30 s), for ever, but let the very first dial fail
// fast.
//
// A Policy is not changed by use and may be shared by many clients; each client
// keeps its own reconnect state. A field out of range fails Dial with an error
// that satisfies sdk.ErrInvalidOptions.
type Policy struct {
	// Disabled turns reconnecting off: every lost connection is final.
	// Zero (false): reconnect.
	Disabled bool

	// InitialDelay is the delay before the first reconnect attempt, before jitter.
	// Zero: 1 s.
	InitialDelay time.Duration

	// Multiplier is the growth factor of the delay after each failed attempt; it
	// must be at least 1. Zero: 2.
	Multiplier float64

	// Jitter spreads each delay so that clients dropped at the same moment do not
	// reconnect in lockstep: a delay d becomes a value drawn uniformly from
	// [d×(1−Jitter), d×(1+Jitter)], then capped at MaxDelay. At most 1.
	// Zero: 0.5. Negative (-1, say): no jitter, the delays follow the exact
	// exponential sequence (useful in tests; in production it synchronises
	// clients). As with net.Dialer.KeepAlive, zero is the default and negative
	// turns the feature off.
	Jitter float64

	// MaxDelay caps every backoff delay after jitter. Retry-After from the server
	// and the longer wait after close 1013 may exceed it (see MaxRetryAfter).
	// Zero: 30 s.
	MaxDelay time.Duration

	// MaxAttempts is how many reconnect attempts in a row may fail before the
	// client gives up. A connection that closes before MinUptime counts as a failed
	// attempt; one that stays open at least MinUptime starts the count over. The
	// initial Dial is not counted. This count is sdk.ReconnectingEvent.Retry.
	// Zero: unlimited.
	MaxAttempts int

	// MinUptime is how long a connection must stay open before its loss resets the
	// backoff and the attempt count. A server that accepts and then drops at once
	// therefore meets growing delays instead of a hot loop. Zero: 5 s.
	MinUptime time.Duration

	// RetryFirstDial makes a failed initial Dial retried like a lost connection.
	// Zero (false): the first Dial fails fast and returns its error.
	RetryFirstDial bool

	// MaxRetryAfter caps the delay a server may ask for with Retry-After (HTTP 429
	// and 503) and the lengthened delay after close 1013. Zero: 5 min.
	MaxRetryAfter time.Duration

	// ShouldRetry overrides the retry classification (the table is in the package
	// documentation). It receives the error and the built-in verdict (its Factor
	// is 4 after close 1013) and returns the verdict to use. It runs
	// on the client's reconnect goroutine and must not block. Disabled,
	// RetryFirstDial and MaxAttempts still apply after it.
	// Zero (nil): the built-in classification.
	ShouldRetry func(err error, def Verdict) Verdict
}

// DefaultPolicy returns a new Policy with every field set to its documented
// default: InitialDelay 1 s, Multiplier 2, Jitter 0.5, MaxDelay 30 s,
// MinUptime 5 s, MaxRetryAfter 5 min, and the fields
// whose zero means "off" or "unlimited" (Disabled, MaxAttempts, RetryFirstDial,
// ShouldRetry) left zero. It behaves exactly as the zero Policy.
func DefaultPolicy() Policy {
	return Policy{
		InitialDelay:  time.Second,
		Multiplier:    2,
		Jitter:        0.5,
		MaxDelay:      30 * time.Second,
		MinUptime:     5 * time.Second,
		MaxRetryAfter: 5 * time.Minute,
	}
}
