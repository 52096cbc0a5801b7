package liveness

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
)

var t0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// at is t0 plus s seconds.
func at(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

// testPlan pings after 10 s idle and waits 5 s (20 s while hidden).
func testPlan() Plan {
	return Plan{Mode: heartbeat.ModeApplication, Interval: 10 * time.Second, Timeout: 5 * time.Second,
		Messages:            heartbeat.Messages{Ping: fixed("ping"), IsPong: equals("pong"), Reply: answer("sping", "spong")},
		HiddenTimeoutFactor: 4}
}

// step is one event at a time, followed by the expected Next.
type step struct {
	at     float64
	do     func(m *Monitor, now time.Time)
	want   Action
	wantAt float64
}

var (
	nothing  = func(*Monitor, time.Time) {}
	pingSent = (*Monitor).PingSent
	data     = func(m *Monitor, now time.Time) { m.Inbound(now, textMsg("data")) }
	pong     = func(m *Monitor, now time.Time) { m.Inbound(now, textMsg("pong")) }
	sping    = func(m *Monitor, now time.Time) { m.Inbound(now, textMsg("sping")) }
	activity = (*Monitor).Activity
	backlog  = (*Monitor).Backlog
	probe    = (*Monitor).ProbeNow
	hide     = func(m *Monitor, now time.Time) { m.SetHidden(true, now) }
	show     = func(m *Monitor, now time.Time) { m.SetHidden(false, now) }
)

func TestMonitorScenarios(t *testing.T) {
	requirePong := func(p *Plan) { p.RequirePong = true }
	tests := []struct {
		name  string
		plan  func(*Plan)
		steps []step
	}{
		{name: "idle: ping due at interval", steps: []step{
			{0, nothing, ActionPing, 10},
		}},
		{name: "activity postpones the ping", steps: []step{
			{7, data, ActionPing, 17},
			{9, activity, ActionPing, 19},
			{12, sping, ActionPing, 22},
		}},
		{name: "no life after ping: dead at sent+timeout", steps: []step{
			{10, pingSent, ActionDead, 15},
		}},
		{name: "late ping: deadline counts from when it was sent", steps: []step{
			{12, pingSent, ActionDead, 17},
		}},
		{name: "second ping does not postpone the deadline", steps: []step{
			{10, pingSent, ActionDead, 15},
			{13, pingSent, ActionDead, 15},
		}},
		{name: "any inbound clears the ping", steps: []step{
			{10, pingSent, ActionDead, 15},
			{14, data, ActionPing, 24},
		}},
		{name: "activity clears the ping", steps: []step{
			{10, pingSent, ActionDead, 15},
			{14, activity, ActionPing, 24},
		}},
		{name: "pong clears the ping", steps: []step{
			{10, pingSent, ActionDead, 15},
			{11, pong, ActionPing, 21},
		}},
		{name: "server ping clears the ping", steps: []step{
			{10, pingSent, ActionDead, 15},
			{11, sping, ActionPing, 21},
		}},
		{name: "require pong: data and activity clear nothing", plan: requirePong, steps: []step{
			{5, data, ActionPing, 10},
			{6, activity, ActionPing, 10},
			{10, pingSent, ActionDead, 15},
			{12, data, ActionDead, 15},
			{13, activity, ActionDead, 15},
			{14, pong, ActionPing, 24},
		}},
		{name: "require pong: server ping is life", plan: requirePong, steps: []step{
			{10, pingSent, ActionDead, 15},
			{14, sping, ActionPing, 24},
		}},
		{name: "require pong: backlog is life", plan: requirePong, steps: []step{
			{10, pingSent, ActionDead, 15},
			{15, backlog, ActionPing, 25},
		}},
		{name: "backlog is life", steps: []step{
			{3, backlog, ActionPing, 13},
			{13, pingSent, ActionDead, 18},
			{18, backlog, ActionPing, 28},
		}},
		{name: "hidden: ping sent while hidden gets the stretched timeout", steps: []step{
			{1, hide, ActionPing, 10},
			{10, pingSent, ActionDead, 30},
		}},
		{name: "hidden: hiding stretches an awaited ping", steps: []step{
			{10, pingSent, ActionDead, 15},
			{12, hide, ActionDead, 30},
		}},
		{name: "visible soon after: back to sent+timeout", steps: []step{
			{0, hide, ActionPing, 10},
			{10, pingSent, ActionDead, 30},
			{11, show, ActionDead, 16},
		}},
		{name: "visible later: a full timeout from now", steps: []step{
			{0, hide, ActionPing, 10},
			{10, pingSent, ActionDead, 30},
			{20, show, ActionDead, 25},
		}},
		{name: "visible near the end: stretched deadline stands", steps: []step{
			{0, hide, ActionPing, 10},
			{10, pingSent, ActionDead, 30},
			{28, show, ActionDead, 30},
			{28, pong, ActionPing, 38},
			{38, pingSent, ActionDead, 43},
		}},
		{name: "hiding and showing with no ping awaited", steps: []step{
			{2, hide, ActionPing, 10},
			{3, show, ActionPing, 10},
			{10, pingSent, ActionDead, 15},
		}},
		{name: "probe makes a ping due now", steps: []step{
			{4, probe, ActionPing, 4},
			{4, pingSent, ActionDead, 9},
			{5, pong, ActionPing, 15},
		}},
		{name: "probe ignored while a ping is awaited", steps: []step{
			{10, pingSent, ActionDead, 15},
			{12, probe, ActionDead, 15},
		}},
		{name: "probe never postpones a due ping", steps: []step{
			{12, probe, ActionPing, 10},
		}},
		{name: "life after a probe cancels it", steps: []step{
			{4, probe, ActionPing, 4},
			{5, data, ActionPing, 15},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPlan()
			if tt.plan != nil {
				tt.plan(&p)
			}
			m := NewMonitor(p, t0)
			for i, s := range tt.steps {
				s.do(m, at(s.at))
				a, when := m.Next()
				if a != s.want || !when.Equal(at(s.wantAt)) {
					t.Fatalf("step %d (t=%v): Next() = %v at %v, want %v at %v",
						i, s.at, a, when.Sub(t0), s.want, at(s.wantAt).Sub(t0))
				}
			}
		})
	}
}

func TestDue(t *testing.T) {
	m := NewMonitor(testPlan(), t0)
	checkDue := func(now time.Time, want Action) {
		t.Helper()
		if got := m.Due(now); got != want {
			t.Errorf("Due(t0+%v) = %v, want %v", now.Sub(t0), got, want)
		}
	}
	checkDue(at(10).Add(-time.Nanosecond), ActionNone)
	checkDue(at(10), ActionPing)
	checkDue(at(11), ActionPing) // stays due until the ping is sent
	m.PingSent(at(11))
	checkDue(at(11), ActionNone)
	checkDue(at(16).Add(-time.Nanosecond), ActionNone)
	checkDue(at(16), ActionDead)
	checkDue(at(100), ActionDead) // stays due: Due changes nothing
}

func TestInactiveMonitor(t *testing.T) {
	off, err := Resolve(heartbeat.Config{Mode: heartbeat.ModeOff, Messages: heartbeat.Messages{Reply: answer("sping", "spong")}}, heartbeat.Messages{}, true)
	if err != nil {
		t.Fatal(err)
	}
	noTimeout := testPlan()
	noTimeout.Timeout = 0
	for name, p := range map[string]Plan{"off": off, "zero": {}, "no timeout": noTimeout} {
		t.Run(name, func(t *testing.T) {
			m := NewMonitor(p, t0)
			m.PingSent(at(1))
			m.ProbeNow(at(2))
			if a, when := m.Next(); a != ActionNone || !when.IsZero() {
				t.Errorf("Next() = %v at %v, want none at zero time", a, when)
			}
			if a := m.Due(at(1e6)); a != ActionNone {
				t.Errorf("Due = %v, want none", a)
			}
		})
	}
	m := NewMonitor(off, t0)
	in := m.Inbound(at(1), textMsg("sping"))
	if in.Reply == nil || string(in.Reply.Data) != "spong" || in.Deliver {
		t.Errorf("off plan: server ping = %+v, want reply spong, not delivered", in)
	}
}

func TestInbound(t *testing.T) {
	tests := []struct {
		name        string
		deliverPong bool
		requirePong bool
		pingAt      float64 // < 0: no ping sent
		msg         string
		want        Inbound
		wantReply   string
	}{
		{name: "data", pingAt: -1, msg: "data", want: Inbound{Deliver: true}},
		{name: "data with ping awaited", pingAt: 1, msg: "data", want: Inbound{Deliver: true}},
		{name: "data with require pong", requirePong: true, pingAt: 1, msg: "data", want: Inbound{Deliver: true}},
		{name: "pong answers ping", pingAt: 1, msg: "pong", want: Inbound{IsPong: true, RTT: 2 * time.Second}},
		{name: "pong delivered", deliverPong: true, pingAt: 1, msg: "pong", want: Inbound{IsPong: true, RTT: 2 * time.Second, Deliver: true}},
		{name: "unsolicited pong", pingAt: -1, msg: "pong", want: Inbound{IsPong: true}},
		{name: "server ping", pingAt: -1, msg: "sping", wantReply: "spong"},
		{name: "server ping with ping awaited", pingAt: 1, msg: "sping", wantReply: "spong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPlan()
			p.DeliverPongs, p.RequirePong = tt.deliverPong, tt.requirePong
			m := NewMonitor(p, t0)
			if tt.pingAt >= 0 {
				m.PingSent(at(tt.pingAt))
			}
			got := m.Inbound(at(3), textMsg(tt.msg))
			reply := got.Reply
			got.Reply = nil
			if got != tt.want {
				t.Errorf("Inbound = %+v, want %+v", got, tt.want)
			}
			if (reply == nil) != (tt.wantReply == "") || reply != nil && string(reply.Data) != tt.wantReply {
				t.Errorf("Reply = %v, want %q", reply, tt.wantReply)
			}
		})
	}
}

func TestRTT(t *testing.T) {
	m := NewMonitor(testPlan(), t0)
	if got := m.RTT(); got != (RTTStats{}) {
		t.Fatalf("initial RTT = %+v, want zero", got)
	}
	if rtt := m.PongReceived(at(1)); rtt != 0 {
		t.Errorf("pong with no ping: RTT %v, want 0", rtt)
	}
	samples := []time.Duration{80 * time.Millisecond, 160 * time.Millisecond, 40 * time.Millisecond}
	want := []time.Duration{80 * time.Millisecond, 90 * time.Millisecond, 83750 * time.Microsecond} // 90 + (40-90)/8
	now := at(10)
	for i, s := range samples {
		m.PingSent(now)
		now = now.Add(s)
		if rtt := m.PongReceived(now); rtt != s {
			t.Errorf("sample %d: PongReceived = %v, want %v", i, rtt, s)
		}
		got := m.RTT()
		if got.Latest != s || got.Smoothed != want[i] || got.Samples != i+1 {
			t.Errorf("sample %d: RTT() = %+v, want latest %v smoothed %v samples %d", i, got, s, want[i], i+1)
		}
		now = now.Add(10 * time.Second)
	}
	if rtt := m.PongReceived(now); rtt != 0 || m.RTT().Samples != 3 {
		t.Errorf("duplicate pong: RTT %v, samples %d; want 0, 3", rtt, m.RTT().Samples)
	}
}

// A busy link: data clears the awaited ping, yet the pong that follows still
// measures the round trip.
func TestRTTAfterDataClearedPing(t *testing.T) {
	m := NewMonitor(testPlan(), t0)
	m.PingSent(at(10))
	m.Inbound(at(10.1), textMsg("data"))
	if in := m.Inbound(at(10.3), textMsg("pong")); !in.IsPong || in.RTT != 300*time.Millisecond {
		t.Errorf("Inbound(pong) = %+v, want IsPong with RTT 300ms", in)
	}
}

func TestLastLife(t *testing.T) {
	m := NewMonitor(testPlan(), t0)
	m.PingSent(at(10))
	m.Inbound(at(12), textMsg("data"))
	if got := m.LastLife(); !got.Equal(at(12)) {
		t.Errorf("LastLife = %v, want t0+12s", got.Sub(t0))
	}
	if m.Plan().Interval != 10*time.Second {
		t.Errorf("Plan() = %+v", m.Plan())
	}
}

// TestDetectionBound drives monitors like the sdk does, with punctual timers,
// through random life, hiding and probes, then lets the peer die, and checks
// the documented bound: dead at most Interval+Timeout after the last proof of
// life (Interval+Timeout×factor if hidden), and never while life arrives.
func TestDetectionBound(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for run := range 500 {
		p := testPlan()
		p.RequirePong = run%2 == 1
		hidden := run%3 == 0
		m := NewMonitor(p, t0)
		m.SetHidden(hidden, t0)
		now, deathAt := t0, at(r.Float64()*300)
		for {
			a, when := m.Next()
			next := now.Add(time.Duration(r.Float64() * 8 * float64(time.Second))) // next random event
			if when.After(next) && next.Before(deathAt) {
				now = next
				randomLife(r, m, now)
				continue
			}
			now = later(now, when)
			if a == ActionPing {
				m.PingSent(now)
				if now.Before(deathAt) && r.IntN(4) > 0 { // a live peer usually answers
					now = now.Add(time.Duration(r.IntN(4000)) * time.Millisecond)
					m.Inbound(later(now, m.pingAt), textMsg("pong"))
				}
				continue
			}
			checkBound(t, run, m, p, now, hidden)
			break
		}
	}
}

func randomLife(r *rand.Rand, m *Monitor, now time.Time) {
	switch r.IntN(4) {
	case 0:
		m.Inbound(now, textMsg("data"))
	case 1:
		m.ProbeNow(now)
	case 2:
		m.Inbound(now, textMsg("sping"))
	default:
		m.Activity(now)
	}
}

func checkBound(t *testing.T, run int, m *Monitor, p Plan, dead time.Time, hidden bool) {
	t.Helper()
	timeout := p.Timeout
	if hidden {
		timeout = time.Duration(float64(timeout) * p.HiddenTimeoutFactor)
	}
	if gap := dead.Sub(m.LastLife()); gap > p.Interval+timeout || gap < timeout {
		t.Fatalf("run %d: dead %v after last life, want between %v and %v", run, gap, timeout, p.Interval+timeout)
	}
}
