package retry_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/retry"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/transport"
)

var t0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

const s = time.Second

var lost = wrap(localClose(1006)) // the usual "connection dropped"

var defaults = reconnect.DefaultPolicy()

// openSchedule returns a schedule whose connection opened at t0 and has been up
// for a minute, so the next Next is an ordinary reconnect.
func openSchedule(p reconnect.Policy) (*retry.Schedule, time.Time) {
	return openSeeded(p, 0)
}

// openSeeded is openSchedule with the jitter seeded (0: randomly).
func openSeeded(p reconnect.Policy, seed uint64) (*retry.Schedule, time.Time) {
	sch := retry.NewSchedule(p, seed)
	sch.Opened(t0)
	return sch, t0.Add(time.Minute)
}

// failures feeds n failed attempts and returns the delays.
func failures(sch *retry.Schedule, now time.Time, n int, err error) []time.Duration {
	var delays []time.Duration
	for range n {
		d := sch.Next(now, err)
		if d.Final {
			break
		}
		delays = append(delays, d.Delay)
		now = now.Add(d.Delay)
	}
	return delays
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGrowthWithoutJitter(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{Jitter: -1})
	got := failures(sch, now, 9, lost)
	want := []time.Duration{1 * s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s, 30 * s, 30 * s, 30 * s}
	if !equalDurations(got, want) {
		t.Fatalf("delays = %v, want %v", got, want)
	}
	if sch.Retries() != 9 {
		t.Fatalf("Retries() = %d, want 9", sch.Retries())
	}
}

func TestGrowthSeeded(t *testing.T) {
	bases := []time.Duration{1 * s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s, 30 * s, 30 * s}
	run := func(seed uint64) []time.Duration {
		sch, now := openSeeded(reconnect.Policy{}, seed)
		return failures(sch, now, len(bases), lost)
	}
	a := run(42)
	for i, d := range a {
		lo, hi := bases[i]/2, min(bases[i]*3/2, 30*s)
		if d < lo || d > hi {
			t.Errorf("delay %d = %s, want within [%s, %s]", i+1, d, lo, hi)
		}
	}
	if b := run(42); !equalDurations(a, b) {
		t.Errorf("same seed, different delays:\n%v\n%v", a, b)
	}
	if c := run(43); equalDurations(a, c) {
		t.Errorf("seeds 42 and 43 gave the same delays %v", a)
	}
}

func TestResetOnlyAfterMinUptime(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{Jitter: -1})
	now = now.Add(sum(failures(sch, now, 3, lost))) // 1 s, 2 s, 4 s

	sch.Opened(now)
	d := sch.Next(now.Add(5*s-time.Millisecond), lost) // just short of MinUptime
	if d.Delay != 8*s || d.Retry != 4 {
		t.Fatalf("after a short connection: delay %s retry %d, want 8s retry 4", d.Delay, d.Retry)
	}
	now = now.Add(10 * s)
	sch.Opened(now)
	d = sch.Next(now.Add(5*s), lost) // exactly MinUptime
	if d.Delay != 1*s || d.Retry != 1 {
		t.Fatalf("after a lasting connection: delay %s retry %d, want 1s retry 1", d.Delay, d.Retry)
	}
}

func TestCustomMinUptime(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{Jitter: -1, MinUptime: time.Minute})
	now = now.Add(sum(failures(sch, now, 2, lost)))
	sch.Opened(now)
	if d := sch.Next(now.Add(30*s), lost); d.Retry != 3 {
		t.Fatalf("30 s < MinUptime 1 min must not reset: retry %d", d.Retry)
	}
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

// acceptThenDrop simulates a server that accepts each connection and closes it
// 10 ms later, n times, and returns the delays the client waited.
func acceptThenDrop(p reconnect.Policy, seed uint64, n int) ([]retry.Decision, time.Duration) {
	sch, now := openSeeded(p, seed)
	start := now
	var ds []retry.Decision
	for range n {
		d := sch.Next(now, wrap(localClose(1006)))
		if d.Final {
			break
		}
		ds = append(ds, d)
		now = now.Add(d.Delay)
		sch.Opened(now)
		now = now.Add(10 * time.Millisecond)
	}
	return ds, now.Sub(start)
}

func TestAcceptThenDropNoHotLoop(t *testing.T) {
	t.Run("no jitter", func(t *testing.T) {
		ds, _ := acceptThenDrop(reconnect.Policy{Jitter: -1}, 0, 20)
		if len(ds) != 20 {
			t.Fatalf("gave up after %d cycles", len(ds))
		}
		for i := 1; i < len(ds); i++ {
			if ds[i].Delay < ds[i-1].Delay {
				t.Errorf("delay %d (%s) shorter than delay %d (%s)", i+1, ds[i].Delay, i, ds[i-1].Delay)
			}
		}
		if last := ds[len(ds)-1].Delay; last != defaults.MaxDelay {
			t.Errorf("last delay %s, want the cap %s", last, defaults.MaxDelay)
		}
	})
	t.Run("jitter", func(t *testing.T) {
		for seed := uint64(1); seed <= 50; seed++ {
			ds, total := acceptThenDrop(reconnect.Policy{}, seed, 20)
			base := defaults.InitialDelay
			for i, d := range ds {
				if d.Retry != i+1 {
					t.Fatalf("seed %d: cycle %d has retry %d; short connections must not reset", seed, i+1, d.Retry)
				}
				if lo := base / 2; d.Delay < lo {
					t.Fatalf("seed %d: delay %d = %s, below %s", seed, i+1, d.Delay, lo)
				}
				base = min(base*2, defaults.MaxDelay)
			}
			// 1+2+4+8+16+15×30 = 481 s of backoff; jitter takes at most half off.
			if total < 240*s {
				t.Fatalf("seed %d: 20 cycles took only %s", seed, total)
			}
		}
	})
}

func TestMaxAttempts(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{Jitter: -1, MaxAttempts: 3})
	if got := failures(sch, now, 10, lost); len(got) != 3 {
		t.Fatalf("%d retries, want 3", len(got))
	}
	d := sch.Next(now.Add(time.Hour), lost)
	if !d.Final || !strings.Contains(d.Reason, "MaxAttempts") || !errors.Is(d.Cause, lost) || d.Retry != 3 {
		t.Fatalf("after 3 failures: %+v, want stop naming MaxAttempts with the cause", d)
	}
}

func TestMaxAttemptsCountsShortConnections(t *testing.T) {
	ds, _ := acceptThenDrop(reconnect.Policy{MaxAttempts: 5}, 1, 20)
	if len(ds) != 5 {
		t.Fatalf("accept-then-drop got %d retries, want 5", len(ds))
	}
}

func TestMaxAttemptsStartsOverAfterLastingConnection(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{Jitter: -1, MaxAttempts: 2})
	now = now.Add(sum(failures(sch, now, 2, lost)))
	sch.Opened(now)
	if d := sch.Next(now.Add(time.Minute), lost); d.Final || d.Retry != 1 {
		t.Fatalf("after a lasting connection: %+v, want retry 1", d)
	}
}

func TestDisabled(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{Disabled: true})
	d := sch.Next(now, lost)
	if !d.Final || d.Delay != 0 || !strings.Contains(d.Reason, "disabled") || d.Cause != lost {
		t.Fatalf("Disabled: %+v", d)
	}
}

func TestFirstDial(t *testing.T) {
	refused := wrap(errors.New("connection refused"))
	d := retry.NewSchedule(reconnect.DefaultPolicy(), 0).Next(t0, refused)
	if !d.Final || !strings.Contains(d.Reason, "RetryFirstDial") || d.Cause != refused {
		t.Fatalf("first dial, default policy: %+v, want fail fast", d)
	}
	sch := retry.NewSchedule(reconnect.Policy{RetryFirstDial: true, Jitter: -1}, 0)
	got := failures(sch, t0, 3, refused)
	if want := []time.Duration{1 * s, 2 * s, 4 * s}; !equalDurations(got, want) {
		t.Fatalf("RetryFirstDial delays %v, want %v", got, want)
	}
	// Once connected, later failures are reconnects even without RetryFirstDial.
	sch = retry.NewSchedule(reconnect.Policy{}, 0)
	sch.Opened(t0)
	if d := sch.Next(t0.Add(time.Second), lost); d.Final {
		t.Fatalf("loss after open: %+v, want retry", d)
	}
}

func TestCanceledStops(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{})
	err := wrap(context.Canceled)
	if d := sch.Next(now, err); !d.Final || !errors.Is(d.Cause, context.Canceled) {
		t.Fatalf("canceled: %+v", d)
	}
}

func TestPermanentCloseStops(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{})
	d := sch.Next(now, wrap(peerClose(1008)))
	if !d.Final || d.Reason != "close 1008 (policy violation) is permanent" {
		t.Fatalf("1008: %+v", d)
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name string
		p    reconnect.Policy
		err  error
		want time.Duration
	}{
		{"429 honoured", reconnect.Policy{}, handshake(429, 20*s), 20 * s},
		{"503 honoured beyond MaxDelay", reconnect.Policy{}, handshake(503, 45*s), 45 * s},
		{"429 capped", reconnect.Policy{}, handshake(429, time.Hour), defaults.MaxRetryAfter},
		{"503 custom cap", reconnect.Policy{MaxRetryAfter: 10 * s}, handshake(503, time.Minute), 10 * s},
		{"never shorter than backoff", reconnect.Policy{}, handshake(429, 100*time.Millisecond), 1 * s},
		{"ignored on 502", reconnect.Policy{}, handshake(502, 20*s), 1 * s},
	}
	for _, tt := range tests {
		tt.p.Jitter = -1
		sch, now := openSchedule(tt.p)
		if d := sch.Next(now, wrap(tt.err)); d.Final || d.Delay != tt.want {
			t.Errorf("%s: %+v, want retry after %s", tt.name, d, tt.want)
		}
	}
}

func TestRetryAfterWithJitterNeverShorter(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		sch, now := openSeeded(reconnect.Policy{}, seed)
		if d := sch.Next(now, handshake(429, 3*s)); d.Delay < 3*s {
			t.Fatalf("seed %d: delay %s shorter than Retry-After 3s", seed, d.Delay)
		}
	}
}

func TestRetryAfterBelowGrownBackoff(t *testing.T) {
	sch, now := openSchedule(reconnect.Policy{Jitter: -1})
	now = now.Add(sum(failures(sch, now, 4, lost))) // next backoff: 16 s
	if d := sch.Next(now, handshake(503, 5*s)); d.Delay != 16*s {
		t.Fatalf("delay %s, want the backoff 16s over Retry-After 5s", d.Delay)
	}
}

func TestTryAgainLaterWaitsLonger(t *testing.T) {
	tryLater := wrap(peerClose(1013))
	tests := []struct {
		name   string
		p      reconnect.Policy
		before int // failures before the 1013
		want   time.Duration
	}{
		{"first delay ×4", reconnect.Policy{}, 0, 4 * s},
		{"beyond MaxDelay at the cap", reconnect.Policy{}, 6, 120 * s},
		{"ShouldRetry's factor", reconnect.Policy{ShouldRetry: factor(2)}, 2, 8 * s},
		{"capped by MaxRetryAfter", reconnect.Policy{MaxRetryAfter: time.Minute}, 6, time.Minute},
		{"never below MaxDelay cap", reconnect.Policy{MaxRetryAfter: s}, 6, 30 * s},
	}
	for _, tt := range tests {
		tt.p.Jitter = -1
		sch, now := openSchedule(tt.p)
		now = now.Add(sum(failures(sch, now, tt.before, lost)))
		if d := sch.Next(now, tryLater); d.Final || d.Delay != tt.want {
			t.Errorf("%s: %+v, want retry after %s", tt.name, d, tt.want)
		}
	}
}

// factor returns a ShouldRetry that keeps the built-in verdict with another Factor.
func factor(f float64) func(error, reconnect.Verdict) reconnect.Verdict {
	return func(_ error, v reconnect.Verdict) reconnect.Verdict {
		if v.Factor != 0 {
			v.Factor = f
		}
		return v
	}
}

func TestTryAgainLaterLongerThanOrdinary(t *testing.T) {
	for seed := uint64(1); seed <= 100; seed++ {
		a, nowA := openSeeded(reconnect.Policy{}, seed)
		b, nowB := openSeeded(reconnect.Policy{}, seed)
		if da, db := a.Next(nowA, lost), b.Next(nowB, peerClose(1013)); db.Delay <= da.Delay {
			t.Fatalf("seed %d: 1013 delay %s not longer than 1006 delay %s", seed, db.Delay, da.Delay)
		}
	}
}

func TestShouldRetry(t *testing.T) {
	var seen []reconnect.Verdict
	p := reconnect.Policy{
		Jitter: -1,
		ShouldRetry: func(err error, def reconnect.Verdict) reconnect.Verdict {
			seen = append(seen, def)
			var ce *transport.CloseError
			switch {
			case errors.As(err, &ce) && ce.Code == 4001:
				return reconnect.Verdict{Reason: "4001: banned"}
			case errors.As(err, &ce) && ce.Code == 1008:
				return reconnect.Verdict{Retry: true, Reason: "our proxy sends 1008 on deploys", MinDelay: time.Hour}
			case errors.As(err, &ce) && ce.Code == 4002:
				return reconnect.Verdict{} // stop, no reason
			}
			return def
		},
	}
	sch, now := openSchedule(p)
	if d := sch.Next(now, wrap(peerClose(4001))); !d.Final || d.Reason != "4001: banned" {
		t.Errorf("4001: %+v, want stop", d)
	}
	if !seen[0].Retry {
		t.Errorf("predicate saw default %+v for 4001, want retry", seen[0])
	}
	if d := sch.Next(now, wrap(peerClose(1008))); d.Final || d.Delay != defaults.MaxRetryAfter {
		t.Errorf("1008 overridden: %+v, want retry after the capped MinDelay", d)
	}
	if seen[1].Retry {
		t.Errorf("predicate saw default %+v for 1008, want stop", seen[1])
	}
	if d := sch.Next(now, peerClose(4002)); !d.Final || !strings.Contains(d.Reason, "ShouldRetry") {
		t.Errorf("4002: %+v, want stop naming ShouldRetry", d)
	}
	sch.Next(now, peerClose(1013))
	if f := seen[len(seen)-1].Factor; f != 4 {
		t.Errorf("predicate saw 1013 Factor %v, want 4", f)
	}
}

func TestShouldRetryCannotBypassMaxAttempts(t *testing.T) {
	always := func(error, reconnect.Verdict) reconnect.Verdict { return reconnect.Verdict{Retry: true} }
	sch, now := openSeeded(reconnect.Policy{MaxAttempts: 2, ShouldRetry: always}, 1)
	if n := len(failures(sch, now, 5, peerClose(1008))); n != 2 {
		t.Fatalf("%d retries, want MaxAttempts 2", n)
	}
}

// TestNoThunderingHerd: 1,000 clients dropped at the same instant spread their
// first retry across the whole jitter window [0.5 s, 1.5 s].
func TestNoThunderingHerd(t *testing.T) {
	for _, tt := range []struct {
		name string
		seed func(i int) uint64
	}{
		{"seeded 1..1000", func(i int) uint64 { return uint64(i + 1) }},
		{"randomly seeded", func(int) uint64 { return 0 }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			const n, buckets = 1000, 10
			var count [buckets]int
			for i := range n {
				sch, now := openSeeded(reconnect.Policy{}, tt.seed(i))
				d := sch.Next(now, lost).Delay
				if d < 500*time.Millisecond || d > 1500*time.Millisecond {
					t.Fatalf("client %d: first delay %s outside [0.5s, 1.5s]", i, d)
				}
				count[min(int((d-500*time.Millisecond)/(100*time.Millisecond)), buckets-1)]++
			}
			filled := 0
			for _, c := range count {
				if c > 0 {
					filled++
				}
				if c > n/4 {
					t.Errorf("a 100 ms bucket holds %d of %d first retries: %v", c, n, count)
				}
			}
			t.Logf("first delays per 100 ms bucket from 0.5 s: %v", count)
			if filled < 8 {
				t.Errorf("first retries fill only %d of %d buckets: %v", filled, buckets, count)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	valid := []reconnect.Policy{
		{}, reconnect.DefaultPolicy(), {Jitter: 1}, {Jitter: -1}, {Jitter: -0.1}, {Multiplier: 1},
		{MaxAttempts: 1, Jitter: -1}, {InitialDelay: time.Minute, MaxDelay: time.Minute},
	}
	for _, p := range valid {
		if err := retry.Validate(p); err != nil {
			t.Errorf("Validate(%+v) = %v, want nil", p, err)
		}
	}
	invalid := []struct {
		p    reconnect.Policy
		want string
	}{
		{reconnect.Policy{InitialDelay: -1}, "InitialDelay"},
		{reconnect.Policy{MaxDelay: -1}, "MaxDelay"},
		{reconnect.Policy{MinUptime: -1}, "MinUptime"},
		{reconnect.Policy{MaxRetryAfter: -1}, "MaxRetryAfter"},
		{reconnect.Policy{MaxAttempts: -1}, "MaxAttempts"},
		{reconnect.Policy{Multiplier: 0.5}, "Multiplier"},
		{reconnect.Policy{Multiplier: math.NaN()}, "Multiplier"},
		{reconnect.Policy{Jitter: 1.5}, "Jitter"},
		{reconnect.Policy{Jitter: math.NaN()}, "Jitter"},
		{reconnect.Policy{Jitter: math.Inf(1)}, "Jitter"},
		{reconnect.Policy{InitialDelay: time.Minute}, "exceeds MaxDelay"},
	}
	for _, tt := range invalid {
		err := retry.Validate(tt.p)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Validate(%+v) = %v, want an error about %s", tt.p, err, tt.want)
		}
	}
}

// The zero Policy and DefaultPolicy are the same policy.
func TestWithDefaults(t *testing.T) {
	if got, want := retry.WithDefaults(reconnect.Policy{}), reconnect.DefaultPolicy(); !reflect.DeepEqual(got, want) {
		t.Fatalf("WithDefaults(Policy{}) = %+v, want DefaultPolicy() %+v", got, want)
	}
	p := reconnect.Policy{Jitter: -1, MaxDelay: time.Minute, MaxAttempts: 3, Disabled: true, RetryFirstDial: true}
	got := retry.WithDefaults(p)
	if got.Jitter != -1 || got.MaxDelay != time.Minute || got.MaxAttempts != 3 || !got.Disabled || !got.RetryFirstDial ||
		got.InitialDelay != defaults.InitialDelay {
		t.Fatalf("WithDefaults(%+v) = %+v, want set fields kept and zero ones defaulted", p, got)
	}
}

func TestInvalidPolicyStillSane(t *testing.T) {
	p := reconnect.Policy{InitialDelay: -s, Multiplier: 0.1, MaxDelay: -1, Jitter: -1}
	sch, now := openSchedule(p)
	got := failures(sch, now, 7, lost)
	want := []time.Duration{1 * s, 2 * s, 4 * s, 8 * s, 16 * s, 30 * s, 30 * s}
	if !equalDurations(got, want) {
		t.Fatalf("invalid fields must fall back to defaults: delays %v, want %v", got, want)
	}
	sch, now = openSchedule(reconnect.Policy{InitialDelay: time.Minute, Jitter: -1})
	if d := sch.Next(now, lost); d.Delay != defaults.MaxDelay {
		t.Fatalf("InitialDelay above MaxDelay: first delay %s, want the cap", d.Delay)
	}
	// An out-of-range Jitter falls back to the default spread, draw for draw.
	bad, nowBad := openSeeded(reconnect.Policy{Jitter: 7}, 3)
	good, nowGood := openSeeded(reconnect.Policy{}, 3)
	if got, want := failures(bad, nowBad, 7, lost), failures(good, nowGood, 7, lost); !equalDurations(got, want) {
		t.Fatalf("Jitter 7 delays %v, want the default jitter's %v", got, want)
	}
}

func TestHugeDelaysDoNotOverflow(t *testing.T) {
	p := reconnect.Policy{InitialDelay: time.Hour, Multiplier: 1000, MaxDelay: math.MaxInt64, Jitter: 1}
	sch, now := openSeeded(p, 7)
	for i, d := range failures(sch, now, 50, peerClose(1013)) {
		if d <= 0 {
			t.Fatalf("delay %d = %s", i+1, d)
		}
	}
}
