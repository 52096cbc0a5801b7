package reconnect

import (
	"errors"
	"math"
	"time"

	"github.com/tetherws/tether/internal/errfmt"
)

// Defaults used for the zero fields of a [Policy]. [DefaultPolicy] returns a
// Policy with every field set to these values.
const (
	// DefaultInitialDelay is the backoff delay before the first reconnect attempt,
	// before jitter.
	DefaultInitialDelay = time.Second
	// DefaultMultiplier is the factor by which the delay grows after each failed
	// attempt.
	DefaultMultiplier = 2.0
	// DefaultRandomization is the jitter: each delay is drawn uniformly from
	// delay × [1 − 0.5, 1 + 0.5].
	DefaultRandomization = 0.5
	// DefaultMaxDelay caps every delay after jitter (Retry-After and close 1013
	// may exceed it, see [Schedule.Next]).
	DefaultMaxDelay = 30 * time.Second
	// DefaultMinUptime is how long a connection must stay open for the backoff and
	// the attempt count to start over when it is lost.
	DefaultMinUptime = 5 * time.Second
	// DefaultConnectTimeout bounds one connect attempt (dial plus handshake).
	DefaultConnectTimeout = 10 * time.Second
	// DefaultMaxRetryAfter caps a server's Retry-After and the lengthened delay
	// after close 1013.
	DefaultMaxRetryAfter = 5 * time.Minute
	// DefaultTryAgainLaterFactor multiplies the delay after close 1013 (try again
	// later).
	DefaultTryAgainLaterFactor = 4
)

// Policy configures when and how fast a client reconnects. It is a plain value:
// copy it, change fields, hand it to the client. Every zero field means "use the
// default" (the Default* constants), so the zero Policy is the default policy:
// reconnect with exponential backoff (1 s, ×2, ±50 % jitter, at most 30 s), for
// ever, but let the very first dial fail fast.
//
// A Policy is not changed by use and may be shared by many clients; each client
// keeps its own state in a [Schedule] made by [Policy.NewSchedule].
type Policy struct {
	// Disabled turns reconnecting off: every lost connection is final.
	// Zero (false): reconnect.
	Disabled bool

	// InitialDelay is the delay before the first reconnect attempt, before jitter.
	// Zero: DefaultInitialDelay (1 s).
	InitialDelay time.Duration

	// Multiplier is the growth factor of the delay after each failed attempt; it
	// must be at least 1. Zero: DefaultMultiplier (2).
	Multiplier float64

	// Randomization is the jitter factor r in [0, 1]: each delay d becomes a value
	// drawn uniformly from [d×(1−r), d×(1+r)], then capped at MaxDelay. Jitter keeps
	// many clients dropped at the same moment from reconnecting in lockstep.
	// Zero: DefaultRandomization (0.5). To turn jitter off set NoJitter, since zero
	// already means the default.
	Randomization float64

	// NoJitter turns jitter off: delays follow the exact exponential sequence.
	// Useful in tests; avoid it in production, where it synchronises clients.
	// Zero (false): jitter as set by Randomization.
	NoJitter bool

	// MaxDelay caps every backoff delay after jitter. Retry-After from the server
	// and the longer wait after close 1013 may exceed it (see [Schedule.Next]).
	// Zero: DefaultMaxDelay (30 s).
	MaxDelay time.Duration

	// MaxAttempts is how many reconnect attempts in a row may fail before the
	// client gives up. A connection that closes before MinUptime counts as a failed
	// attempt; one that stays open at least MinUptime starts the count over. The
	// initial Dial is not counted. Zero: unlimited.
	MaxAttempts int

	// MinUptime is how long a connection must stay open before its loss resets the
	// backoff and the attempt count. A server that accepts and then drops at once
	// therefore meets growing delays instead of a hot loop.
	// Zero: DefaultMinUptime (5 s).
	MinUptime time.Duration

	// ConnectTimeout bounds each connect attempt (dial plus handshake); an attempt
	// that times out is retried. The policy only carries the value; the client
	// enforces it. Zero: DefaultConnectTimeout (10 s).
	ConnectTimeout time.Duration

	// RetryFirstDial makes a failed initial Dial retried like a lost connection.
	// Zero (false): the first Dial fails fast and returns its error.
	RetryFirstDial bool

	// MaxRetryAfter caps the delay a server may ask for with Retry-After (HTTP 429
	// and 503) and the lengthened delay after close 1013.
	// Zero: DefaultMaxRetryAfter (5 min).
	MaxRetryAfter time.Duration

	// TryAgainLaterFactor multiplies the delay after close 1013 (try again later);
	// it must be at least 1. The result may exceed MaxDelay but is capped at
	// max(MaxDelay, MaxRetryAfter). Zero: DefaultTryAgainLaterFactor (4).
	TryAgainLaterFactor float64

	// ShouldRetry overrides the retry classification. It receives the error and the
	// built-in verdict (see [Classify]; its Factor already reflects
	// TryAgainLaterFactor) and returns the verdict to use. It runs on the client's
	// reconnect goroutine and must not block. Disabled, RetryFirstDial and
	// MaxAttempts still apply after it. Zero (nil): the built-in classification.
	ShouldRetry func(err error, def Verdict) Verdict

	// Seed seeds the jitter. Non-zero: the same seed gives the same sequence of
	// delays (tests, reproducible runs); give each client its own seed, or clients
	// with the same seed reconnect in lockstep. Zero: a randomly seeded source.
	Seed uint64
}

// DefaultPolicy returns a new Policy with every field set to its documented
// default. It is equivalent to the zero Policy, with the defaults spelled out.
func DefaultPolicy() Policy {
	return Policy{}.WithDefaults()
}

// WithDefaults returns a copy of p in which every zero field is replaced by its
// default, so callers can read the effective values (for example ConnectTimeout).
// Fields whose zero value means "off" or "unlimited" (Disabled, NoJitter,
// MaxAttempts, RetryFirstDial, ShouldRetry, Seed) are left as they are.
func (p Policy) WithDefaults() Policy {
	p.InitialDelay = durationOr(p.InitialDelay, DefaultInitialDelay)
	p.Multiplier = floatOr(p.Multiplier, DefaultMultiplier)
	p.Randomization = floatOr(p.Randomization, DefaultRandomization)
	p.MaxDelay = durationOr(p.MaxDelay, DefaultMaxDelay)
	p.MinUptime = durationOr(p.MinUptime, DefaultMinUptime)
	p.ConnectTimeout = durationOr(p.ConnectTimeout, DefaultConnectTimeout)
	p.MaxRetryAfter = durationOr(p.MaxRetryAfter, DefaultMaxRetryAfter)
	p.TryAgainLaterFactor = floatOr(p.TryAgainLaterFactor, DefaultTryAgainLaterFactor)
	return p
}

// Validate reports every field that is out of range, joined into one error, or
// nil when p is usable. Zero fields are valid (they mean the default).
func (p Policy) Validate() error {
	var errs []error
	for _, d := range []struct {
		name string
		v    time.Duration
	}{
		{"InitialDelay", p.InitialDelay}, {"MaxDelay", p.MaxDelay},
		{"MinUptime", p.MinUptime}, {"ConnectTimeout", p.ConnectTimeout},
		{"MaxRetryAfter", p.MaxRetryAfter},
	} {
		if d.v < 0 {
			errs = append(errs, errfmt.Errorf("%s is negative (%s); use zero for the default", d.name, d.v))
		}
	}
	errs = append(errs, p.validateFactors()...)
	if p.MaxAttempts < 0 {
		errs = append(errs, errfmt.Errorf("MaxAttempts is negative (%d); use zero for unlimited", p.MaxAttempts))
	}
	if len(errs) == 0 {
		if d := p.WithDefaults(); d.InitialDelay > d.MaxDelay {
			errs = append(errs, errfmt.Errorf("InitialDelay (%s) exceeds MaxDelay (%s)", d.InitialDelay, d.MaxDelay))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errfmt.Errorf("tether: invalid reconnect policy: %w", errors.Join(errs...))
}

func (p Policy) validateFactors() []error {
	var errs []error
	if !finite(p.Multiplier) || (p.Multiplier != 0 && p.Multiplier < 1) {
		errs = append(errs, errfmt.Errorf("Multiplier must be at least 1 (got %v); use zero for the default", p.Multiplier))
	}
	if !finite(p.Randomization) || p.Randomization < 0 || p.Randomization > 1 {
		errs = append(errs, errfmt.Errorf("Randomization must be within [0, 1] (got %v); set NoJitter to turn jitter off", p.Randomization))
	}
	if !finite(p.TryAgainLaterFactor) || (p.TryAgainLaterFactor != 0 && p.TryAgainLaterFactor < 1) {
		errs = append(errs, errfmt.Errorf("TryAgainLaterFactor must be at least 1 (got %v); use zero for the default", p.TryAgainLaterFactor))
	}
	return errs
}

// sanitized returns p with defaults filled in and every invalid field replaced by
// its default, so a Schedule never misbehaves on a Policy that failed Validate.
func (p Policy) sanitized() Policy {
	d := DefaultPolicy()
	p.InitialDelay, p.MaxDelay = max(p.InitialDelay, 0), max(p.MaxDelay, 0)
	p.MinUptime, p.ConnectTimeout = max(p.MinUptime, 0), max(p.ConnectTimeout, 0)
	p.MaxRetryAfter, p.MaxAttempts = max(p.MaxRetryAfter, 0), max(p.MaxAttempts, 0)
	p = p.WithDefaults()
	if !finite(p.Multiplier) || p.Multiplier < 1 {
		p.Multiplier = d.Multiplier
	}
	if !finite(p.Randomization) || p.Randomization < 0 || p.Randomization > 1 {
		p.Randomization = d.Randomization
	}
	if !finite(p.TryAgainLaterFactor) || p.TryAgainLaterFactor < 1 {
		p.TryAgainLaterFactor = d.TryAgainLaterFactor
	}
	if p.InitialDelay > p.MaxDelay {
		p.InitialDelay = p.MaxDelay
	}
	return p
}

func durationOr(v, def time.Duration) time.Duration {
	if v == 0 {
		return def
	}
	return v
}

func floatOr(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
