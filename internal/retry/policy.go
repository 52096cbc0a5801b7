package retry

import (
	"errors"
	"math"
	"time"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/reconnect"
)

// The defaults of reconnect.DefaultPolicy, as constants: building a Policy
// value at run time to read them costs the browser build code (TestWithDefaults
// keeps the two equal).
const (
	defaultInitialDelay  = time.Second
	defaultMultiplier    = 2.0
	defaultJitter        = 0.5
	defaultMaxDelay      = 30 * time.Second
	defaultMinUptime     = 5 * time.Second
	defaultMaxRetryAfter = 5 * time.Minute
)

// tryAgainLaterFactor multiplies the delay after close 1013 (try again
// later); a Policy.ShouldRetry that wants another factor returns it in its
// Verdict.
const tryAgainLaterFactor = 4.0

// WithDefaults returns a copy of p in which every zero field is replaced by its
// default (those of reconnect.DefaultPolicy), so callers can read the effective
// values. Fields whose zero value means "off" or "unlimited" (Disabled,
// MaxAttempts, RetryFirstDial, ShouldRetry) are left as they are; a negative
// Jitter (no jitter) is kept.
func WithDefaults(p reconnect.Policy) reconnect.Policy {
	p.InitialDelay = durationOr(p.InitialDelay, defaultInitialDelay)
	p.Multiplier = floatOr(p.Multiplier, defaultMultiplier)
	p.Jitter = floatOr(p.Jitter, defaultJitter)
	p.MaxDelay = durationOr(p.MaxDelay, defaultMaxDelay)
	p.MinUptime = durationOr(p.MinUptime, defaultMinUptime)
	p.MaxRetryAfter = durationOr(p.MaxRetryAfter, defaultMaxRetryAfter)
	return p
}

// Validate reports every field of p that is out of range, joined into one
// error, or nil when p is usable. Zero fields are valid (they mean the default).
// (One function: in the browser build each call passing a Policy costs code.)
func Validate(p reconnect.Policy) error {
	var errs []error
	for _, d := range []struct {
		name string
		v    time.Duration
	}{
		{"InitialDelay", p.InitialDelay}, {"MaxDelay", p.MaxDelay},
		{"MinUptime", p.MinUptime}, {"MaxRetryAfter", p.MaxRetryAfter},
	} {
		if d.v < 0 {
			errs = append(errs, errfmt.Errorf("%s is negative (%s); use zero for the default", d.name, d.v))
		}
	}
	errs = append(errs, validateFactors(p)...)
	if p.MaxAttempts < 0 {
		errs = append(errs, errfmt.Errorf("MaxAttempts is negative (%d); use zero for unlimited", p.MaxAttempts))
	}
	if len(errs) == 0 {
		if d := WithDefaults(p); d.InitialDelay > d.MaxDelay {
			errs = append(errs, errfmt.Errorf("InitialDelay (%s) exceeds MaxDelay (%s)", d.InitialDelay, d.MaxDelay))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errfmt.Errorf("tether: invalid reconnect policy: %w", errors.Join(errs...))
}

func validateFactors(p reconnect.Policy) []error {
	var errs []error
	if !finite(p.Multiplier) || (p.Multiplier != 0 && p.Multiplier < 1) {
		errs = append(errs, errfmt.Errorf("Multiplier must be at least 1 (got %v); use zero for the default", p.Multiplier))
	}
	if !validJitter(p.Jitter) {
		errs = append(errs, errfmt.Errorf("Jitter must be at most 1 (got %v); use a negative value to turn jitter off", p.Jitter))
	}
	return errs
}

// validJitter: any negative value (no jitter), zero (the default) or up to 1.
func validJitter(j float64) bool { return !math.IsNaN(j) && j <= 1 }

// sanitized returns p with defaults filled in and every invalid field replaced by
// its default, so a Schedule never misbehaves on a Policy that failed Validate.
func sanitized(p reconnect.Policy) reconnect.Policy {
	p.InitialDelay, p.MaxDelay = max(p.InitialDelay, 0), max(p.MaxDelay, 0)
	p.MinUptime, p.MaxRetryAfter = max(p.MinUptime, 0), max(p.MaxRetryAfter, 0)
	p.MaxAttempts = max(p.MaxAttempts, 0)
	p = WithDefaults(p)
	if !finite(p.Multiplier) || p.Multiplier < 1 {
		p.Multiplier = defaultMultiplier
	}
	if !validJitter(p.Jitter) {
		p.Jitter = defaultJitter
	}
	if p.InitialDelay > p.MaxDelay {
		p.InitialDelay = p.MaxDelay
	}
	return p
}

// jitterFactor is the spread a sanitized policy asks for: 0 when Jitter is
// negative (off).
func jitterFactor(p reconnect.Policy) float64 { return max(p.Jitter, 0) }

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
