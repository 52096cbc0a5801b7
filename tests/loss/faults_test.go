//go:build !js

package loss

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"github.com/tetherws/tether/internal/faultproxy"
)

// Fault kinds.
const (
	faultFIN       = "fin"       // faultproxy.CutAll: every connection closed, both sides
	faultRST       = "rst"       // faultproxy.ResetAll: every connection reset
	faultBlackhole = "blackhole" // faultproxy.Blackhole for a while, then the connections it held are cut
	faultStall     = "stall"     // staller: every connection stops for a while, then delivers
	faultOutage    = "outage"    // faultproxy.CutAll, then Refuse for a while
)

var faultKinds = []string{faultFIN, faultRST, faultBlackhole, faultStall, faultOutage}

// Schedule bounds.
const (
	scheduleWarmup = 500 * time.Millisecond // clean, before the first fault
	scheduleFaults = 12 * time.Second       // faults start within this window
	scheduleTail   = time.Second            // clean, after the last fault
)

// closingKinds are the faults that may be under way when the clients are
// closed: Close then meets a dead, stalled or refusing path.
var closingKinds = []string{faultBlackhole, faultStall, faultOutage}

// fault is one planned fault: at is its start after the schedule's start.
type fault struct {
	kind    string
	at, dur time.Duration
	// start and end are when it was applied and undone (Unix ms; end stays
	// 0 for the closing fault).
	start, end int64
	closing    bool // under way while the clients close
}

func (f fault) String() string {
	if f.closing {
		return fmt.Sprintf("%s@%v,+%v:Close", f.kind, f.at.Round(time.Millisecond), f.dur.Round(time.Millisecond))
	}
	if f.dur == 0 {
		return fmt.Sprintf("%s@%v", f.kind, f.at.Round(time.Millisecond))
	}
	return fmt.Sprintf("%s@%v+%v", f.kind, f.at.Round(time.Millisecond), f.dur.Round(time.Millisecond))
}

// plan draws a fault schedule from seed: faults one after the other at
// random gaps, every kind at least twice, durations around the heartbeat's
// 200 ms + 400 ms detection time (shorter ones go unnoticed by it). The last
// fault starts after the clean tail, a little before the clients are told
// to stop, and lasts until they are closed (dur is that lead).
func plan(seed int64) []fault {
	rng := rand.New(rand.NewSource(seed))
	bag := append(append([]string(nil), faultKinds...), faultKinds...)
	rng.Shuffle(len(bag), func(i, j int) { bag[i], bag[j] = bag[j], bag[i] })
	var out []fault
	at := scheduleWarmup
	for i := 0; at < scheduleWarmup+scheduleFaults || i < len(bag); i++ {
		kind := faultKinds[rng.Intn(len(faultKinds))]
		if i < len(bag) {
			kind = bag[i]
		}
		f := fault{kind: kind, at: at, dur: duration(rng, kind)}
		out = append(out, f)
		at += f.dur + time.Duration(200+rng.Intn(700))*time.Millisecond
	}
	last := out[len(out)-1]
	return append(out, fault{kind: closingKinds[rng.Intn(len(closingKinds))], closing: true,
		at: last.at + last.dur + scheduleTail, dur: time.Duration(100+rng.Intn(400)) * time.Millisecond})
}

func duration(rng *rand.Rand, kind string) time.Duration {
	ms := func(lo, hi int) time.Duration { return time.Duration(lo+rng.Intn(hi-lo)) * time.Millisecond }
	switch kind {
	case faultBlackhole:
		return ms(150, 1500)
	case faultStall:
		return ms(200, 1500)
	case faultOutage:
		return ms(300, 1500)
	}
	return 0
}

func describe(fs []fault) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.String()
	}
	return strings.Join(parts, " ")
}

// injector applies faults to the path client → faultproxy → staller → server.
//
// A black hole ends by cutting the connections it held, behind the proxy,
// before the proxy forwards again: the proxy's black hole discards bytes
// while both TCP connections live on, and a stream that resumed after a
// gap falling between two frames would still parse, with messages missing
// from its middle, which TCP never does (it retransmits or the connection
// dies). A pong on such a stream would confirm messages the proxy dropped:
// a false "silently lost". Cut at the end, the black hole is a path that
// died and whose connections are gone when it returns (a NAT that lost its
// mapping); a path that comes back with its bytes is the stall.
type injector struct {
	proxy *faultproxy.Proxy
	stall *staller
}

// apply starts a fault and returns what ends it.
func (in injector) apply(kind string) (undo func()) {
	switch kind {
	case faultFIN:
		in.proxy.CutAll()
	case faultRST:
		in.proxy.ResetAll()
	case faultBlackhole:
		in.proxy.Blackhole(true)
		return func() { in.stall.cut(); in.proxy.Blackhole(false) }
	case faultStall:
		return in.stall.stall()
	case faultOutage:
		in.proxy.Refuse(true)
		in.proxy.CutAll()
		return func() { in.proxy.Refuse(false) }
	}
	return func() {}
}

// run applies the faults at their times. It returns once the clients are
// to be closed, with the closing fault under way: undo ends it. The
// schedule is time-based by design; nothing is synchronised on it.
func (in injector) run(fs []fault) (out []fault, undo func()) {
	start := time.Now()
	out = append([]fault(nil), fs...)
	for i := range out {
		f := &out[i]
		waitUntil(start.Add(f.at))
		f.start = time.Now().UnixMilli()
		end := in.apply(f.kind)
		waitUntil(time.Now().Add(f.dur))
		if f.closing {
			return out, end
		}
		end()
		f.end = time.Now().UnixMilli()
	}
	return out, func() {}
}

func waitUntil(t time.Time) {
	d := time.Until(t)
	if d <= 0 {
		return
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	<-tm.C
}

// kindAt attributes an instant (Unix ms) to the last fault started at or
// before it: "none" before the first.
func kindAt(fs []fault, at int64) string {
	kind := "none"
	for _, f := range fs {
		if f.start > at {
			break
		}
		kind = f.kind
	}
	return kind
}
