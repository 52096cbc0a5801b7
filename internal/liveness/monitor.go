package liveness

import (
	"math"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/transport"
)

// Monitor is the heartbeat state machine of one connection. It keeps no
// timers and does no I/O: its driver (package sdk) tells it what happened,
// with the current time, and asks it what to do next and when. The zero value
// is an inactive Monitor, the same as NewMonitor(Plan{}, time.Time{}).
//
// Not safe for concurrent use: the driver serialises every call.
type Monitor struct {
	plan     Plan
	active   bool
	lastLife time.Time // last proof of life (or the start)
	pingDue  time.Time // when the next ping is due while none is awaited
	// barrierDue, when not zero, is when a ping is due (if earlier than
	// pingDue) to confirm written messages; cleared when a ping is sent.
	barrierDue time.Time

	awaiting bool      // a ping was sent and no proof of life has come since
	pingAt   time.Time // when the awaited ping was sent
	deadline time.Time // when the peer is declared dead while awaiting

	// inFlight holds when the pings not answered yet were sent, oldest
	// first, at most maxInFlight: the next pong answers the oldest.
	inFlight []time.Time
	rtt      RTTStats

	hidden bool
}

// Inbound is how a Monitor classifies one inbound data message. The zero
// value (not a pong, not delivered, no reply) is never returned by
// Monitor.Inbound.
type Inbound struct {
	// IsPong: the message matched IsPong and was taken as the answer to a
	// ping (as PongReceived). Always proof of life.
	IsPong bool
	// RTT is the round trip of the answered ping; zero when IsPong is false
	// or no ping was awaiting an answer.
	RTT time.Duration
	// Deliver: hand the message to Receive. False for matched pongs (unless
	// Plan.DeliverPongs) and for server pings that Reply answered: they are
	// heartbeat traffic the protocol's Reply rule fully handled.
	Deliver bool
	// Reply is the answer to send back when the message is a server ping
	// (the Reply rule matched); nil otherwise. A server ping is proof of
	// life even with RequirePong.
	Reply *transport.Message
}

// NewMonitor starts monitoring a connection that opened (or last showed life)
// at now. The monitor is inactive (Next always returns ActionNone) unless
// p.Mode is heartbeat.ModeApplication or heartbeat.ModeProtocol and
// p.Interval and p.Timeout are positive; Inbound still applies p.Reply and
// p.IsPong when inactive.
func NewMonitor(p Plan, now time.Time) *Monitor {
	m := &Monitor{plan: p}
	m.active = (p.Mode == heartbeat.ModeApplication || p.Mode == heartbeat.ModeProtocol) && p.Interval > 0 && p.Timeout > 0
	m.life(now)
	return m
}

// Plan returns the plan the monitor was made with.
func (m *Monitor) Plan() Plan { return m.plan }

// LastLife returns the time of the last proof of life (or of NewMonitor).
func (m *Monitor) LastLife() time.Time { return m.lastLife }

// maxInFlight bounds the pings sent and not answered yet: a Barrier waits
// for an answer while that many are out.
const maxInFlight = 4

// Next reports what the driver should do next and when: ActionPing at the
// ping due time (the last proof of life plus Interval, or earlier after
// ProbeNow) while no ping is awaited; ActionDead at the awaited ping's
// deadline (sent time plus the effective timeout) while one is; ActionPing
// at a Barrier's time when that comes first, even while a ping is awaited
// (up to maxInFlight pings out); ActionNone and the zero time when the
// monitor is inactive. The driver arms one timer for the returned time and
// calls Next again after every call that changes state.
func (m *Monitor) Next() (Action, time.Time) {
	if !m.active {
		return ActionNone, time.Time{}
	}
	a, at := ActionPing, m.pingDue
	if m.awaiting {
		a, at = ActionDead, m.deadline
	}
	barrier := !m.barrierDue.IsZero() && m.barrierDue.Before(at)
	if barrier && (!m.awaiting || len(m.inFlight) < maxInFlight) {
		return ActionPing, m.barrierDue
	}
	return a, at
}

// Due reports the action due at now: Next's action when its time is not after
// now, else ActionNone. It changes nothing; ActionDead stays due until proof
// of life arrives.
func (m *Monitor) Due(now time.Time) Action {
	a, at := m.Next()
	if a == ActionNone || now.Before(at) {
		return ActionNone
	}
	return a
}

// PingSent records that a ping (application message or protocol frame) was
// written at now. The deadline becomes now plus the effective timeout unless
// a ping is already awaited: extra pings (barriers) never postpone the
// deadline. Ignored when the monitor is inactive.
func (m *Monitor) PingSent(now time.Time) {
	if !m.active {
		return
	}
	m.barrierDue = time.Time{}
	if len(m.inFlight) == maxInFlight { // never answered: forget the oldest
		m.inFlight = m.inFlight[:copy(m.inFlight, m.inFlight[1:])]
	}
	m.inFlight = append(m.inFlight, now)
	if m.awaiting {
		return
	}
	m.awaiting, m.pingAt = true, now
	m.deadline = now.Add(m.timeout(m.hidden))
}

// PongReceived records that the answer to a ping (a matched application pong
// or a protocol pong frame) arrived at now. It is proof of life even with
// RequirePong. Peers answer pings in order, so it answers the oldest ping not
// answered yet: it returns the round-trip time from that ping and records it
// in RTT, or returns 0 when no ping awaited an answer.
func (m *Monitor) PongReceived(now time.Time) time.Duration {
	m.life(now)
	if len(m.inFlight) == 0 {
		return 0
	}
	sent := m.inFlight[0]
	m.inFlight = m.inFlight[:copy(m.inFlight, m.inFlight[1:])]
	rtt := now.Sub(sent)
	if rtt < 0 {
		return 0
	}
	m.rtt.add(rtt)
	return rtt
}

// Inbound classifies an inbound data message received at now; the driver
// calls it for every data message in every mode. In order:
//
//   - IsPong matches: handled as PongReceived; Deliver only with DeliverPongs.
//   - Reply matches (a server ping): proof of life; Reply holds the answer;
//     not delivered.
//   - anything else: delivered; proof of life unless RequirePong.
func (m *Monitor) Inbound(now time.Time, msg transport.Message) Inbound {
	if m.plan.IsPong != nil && m.plan.IsPong(msg) {
		rtt := m.PongReceived(now)
		return Inbound{IsPong: true, RTT: rtt, Deliver: m.plan.DeliverPongs}
	}
	if m.plan.Reply != nil {
		if reply, ok := m.plan.Reply(msg); ok {
			m.life(now)
			return Inbound{Reply: &reply}
		}
	}
	m.Activity(now)
	return Inbound{Deliver: true}
}

// Activity records proof of life at now from outside data messages, such as
// a control frame. With RequirePong it is ignored (use PongReceived for pongs
// and Backlog for unread messages).
func (m *Monitor) Activity(now time.Time) {
	if !m.plan.RequirePong {
		m.life(now)
	}
}

// Backlog records that messages are waiting unread in the client at now.
// A slow consumer is not a dead peer (the reader may be blocked delivering
// while a pong waits behind), so this always counts as proof of life, even
// with RequirePong. The driver calls it when ActionDead is due and its
// receive queue is not empty.
func (m *Monitor) Backlog(now time.Time) {
	m.life(now)
}

// SetHidden records at now whether the browser page is hidden. While hidden
// the timeout of a ping is multiplied by HiddenTimeoutFactor, because
// throttled timers may fire late. When the page becomes visible, a ping
// still awaited gets the earlier of its stretched deadline and the later of
// sent+Timeout and now+Timeout: timers are accurate again, and the peer
// gets at least a full Timeout from now to answer. A deadline therefore
// always lies between sent+Timeout and sent+Timeout×HiddenTimeoutFactor.
func (m *Monitor) SetHidden(hidden bool, now time.Time) {
	m.hidden = hidden
	if !m.awaiting {
		return
	}
	if hidden {
		m.deadline = later(m.deadline, m.pingAt.Add(m.timeout(true)))
		return
	}
	floor := later(m.pingAt.Add(m.plan.Timeout), now.Add(m.plan.Timeout))
	if floor.Before(m.deadline) {
		m.deadline = floor
	}
}

// ProbeNow makes a ping due at now unless one is awaited or one is already
// due earlier: for when the page becomes visible again, the browser goes
// online, or a mobile app returns to the foreground.
func (m *Monitor) ProbeNow(now time.Time) {
	if !m.awaiting && now.Before(m.pingDue) {
		m.pingDue = now
	}
}

// Barrier asks for a ping at t or earlier, to confirm the messages written
// so far (the sdk's delivery barrier). Unlike ProbeNow it holds while a ping
// is awaited (that ping was written before those messages): the ping goes
// out at t without waiting for that answer (up to maxInFlight pings out),
// and the awaited ping keeps its deadline. It holds across proof of life,
// until the next ping is sent.
func (m *Monitor) Barrier(t time.Time) {
	if m.barrierDue.IsZero() || t.Before(m.barrierDue) {
		m.barrierDue = t
	}
}

// RTT returns the round-trip times measured so far.
func (m *Monitor) RTT() RTTStats { return m.rtt }

// life records proof of life at now: no ping is awaited any more and the
// next one is due Interval later.
func (m *Monitor) life(now time.Time) {
	m.lastLife = now
	m.awaiting = false
	m.pingDue = now.Add(m.plan.Interval)
}

// timeout is the effective timeout of a ping sent while hidden or not.
func (m *Monitor) timeout(hidden bool) time.Duration {
	f := m.plan.HiddenTimeoutFactor
	if !hidden || !(f > 1) {
		return m.plan.Timeout
	}
	d := float64(m.plan.Timeout) * f
	if d >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(d)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
