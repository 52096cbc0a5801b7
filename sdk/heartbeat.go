package sdk

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/transport"
)

// livenessState drives one connection's heartbeat Monitor. The reader, the
// writers and the heartbeat timer share it; mu serialises every Monitor call
// and the timer (see driver in heartbeat_timer.go).
type livenessState struct {
	mu      sync.Mutex
	mon     *liveness.Monitor
	blocked atomic.Bool // the reader is waiting for inbox room: a slow consumer
	driver
}

func newLiveness(p liveness.Plan, now time.Time) *livenessState {
	return &livenessState{mon: liveness.NewMonitor(p, now)}
}

func (b *livenessState) inbound(now time.Time, m transport.Message) (in liveness.Inbound) {
	b.do(func(mon *liveness.Monitor) { in = mon.Inbound(now, m) })
	return in
}

// do runs f on the Monitor and re-arms the timer when f moved the next
// action earlier (proof of life while a ping is awaited makes the next ping
// due before the old deadline); later times need no re-arming, the timer's
// function re-reads Next when it runs.
func (b *livenessState) do(f func(m *liveness.Monitor)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f(b.mon)
	if _, at := b.mon.Next(); !at.IsZero() && (b.timer == nil || at.Before(b.at)) {
		b.armLocked()
	}
}

// probe makes a ping due at once and wakes the driver.
func (b *livenessState) probe(now time.Time) {
	b.do(func(m *liveness.Monitor) { m.ProbeNow(now) })
}

// due reports the action due at now; a reader blocked on a full inbox is
// proof of life first (the peer keeps sending, the application is slow).
func (b *livenessState) due(now time.Time) liveness.Action {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.blocked.Load() {
		b.mon.Backlog(now)
	}
	return b.mon.Due(now)
}

// startHeartbeat arms cn's heartbeat timer. No goroutine waits for it: the
// timer's function runs each action (a ping, or declaring the connection
// dead) and re-arms it; serve stops it when the connection ends.
func (c *Client) startHeartbeat(cn *connection) {
	cn.live.start(c.opts.clock, &cn.wg, func() bool { return c.heartbeatAct(cn) })
}

// heartbeatAct runs the action due now; false: no more (the connection is
// over, or declared dead).
func (c *Client) heartbeatAct(cn *connection) bool {
	if cn.ctx.Err() != nil {
		return false
	}
	switch cn.live.due(c.opts.clock.Now()) {
	case liveness.ActionPing:
		c.ping(cn)
	case liveness.ActionDead:
		c.heartbeatDead(cn)
		return false
	}
	return true
}

func (c *Client) ping(cn *connection) {
	now := c.opts.clock.Now()
	cn.live.do(func(m *liveness.Monitor) { m.PingSent(now) })
	// The answer must be read even if no one calls Receive. A Receive
	// caller reading directly reads it (control frames are handled inside
	// its Read); waking the reader goroutine then would only take the turn
	// from it, and cost every message after a barrier ping a handoff.
	if !cn.turn.holding.Load() {
		cn.turn.wakeReader()
	}
	if cn.plan.Mode == heartbeat.ModeProtocol {
		covers := cn.ledger.pingWritten(false) // writes that returned before the ping frame
		cn.wg.Add(1)
		go c.protocolPing(cn, covers)
		return
	}
	ping, err := heartbeatMessage("Ping", cn.plan.Ping())
	if err != nil {
		cn.end(err)
		return
	}
	cn.wg.Add(1)
	go c.appPing(cn, ping)
}

// heartbeatMessage checks a message the heartbeat settings built (which
// says, e.g. "Ping"): one that is neither binary nor valid UTF-8 text is a
// mistake in Options, never sent, and ends the client.
func heartbeatMessage(which string, m transport.Message) (transport.Message, error) {
	if err := validateMessage(m); err != nil {
		return m, &invalidOptions{field: "Heartbeat", err: errfmt.Errorf("%s built an invalid message: %w", which, err)}
	}
	return m, nil
}

// appPing writes an application ping off the driver goroutine, so a write
// stuck behind a large message cannot delay the timeout.
func (c *Client) appPing(cn *connection, m transport.Message) {
	defer cn.wg.Done()
	if err := c.writeOnAfter(cn.writeCtx, cn, m, func() { cn.ledger.pingWritten(true) }); err != nil {
		cn.end(err)
	}
}

// protocolPing waits for the pong of a ping frame; the reader must run.
func (c *Client) protocolPing(cn *connection, covers uint64) {
	defer cn.wg.Done()
	if err := cn.tc.(transport.Pinger).Ping(cn.writeCtx); err != nil { // ModeProtocol: accept checked
		return // the connection ended, or the heartbeat declares it dead
	}
	c.confirmed(cn, cn.ledger.confirm(covers))
	now := c.opts.clock.Now()
	var rtt time.Duration
	cn.live.do(func(m *liveness.Monitor) { rtt = m.PongReceived(now) })
	c.reportRTT(cn, rtt)
}

func (c *Client) reportRTT(cn *connection, rtt time.Duration) {
	if rtt <= 0 {
		return
	}
	var stats liveness.RTTStats
	cn.live.do(func(m *liveness.Monitor) { stats = m.RTT() })
	c.hb.set(stats)
	if c.observed() {
		emit(c, HeartbeatEvent{RTT: stats.Latest})
	}
}

// heartbeatDead closes a connection that showed no life within the timeout.
func (c *Client) heartbeatDead(cn *connection) {
	var last time.Time
	cn.live.do(func(m *liveness.Monitor) { last = m.LastLife() })
	silent := c.opts.clock.Now().Sub(last).Round(time.Millisecond)
	cn.end(errfmt.Errorf("%w: no sign of life for %s: %w", liveness.ErrTimeout, silent,
		&transport.CloseError{Code: liveness.CloseCode, Reason: liveness.CloseReason}))
	if c.log.enabled() {
		c.log.Info("tether: heartbeat timeout", "silent", silent.String())
	}
}

// onInbound applies the heartbeat rules to a received message and reports
// whether it is for Receive.
func (c *Client) onInbound(cn *connection, m transport.Message) bool {
	in := cn.live.inbound(c.opts.clock.Now(), m)
	if in.Reply != nil {
		reply, err := heartbeatMessage("Reply", *in.Reply)
		if err == nil {
			err = c.writeOn(cn.writeCtx, cn, reply)
		}
		if err != nil {
			cn.end(err)
		}
	}
	if in.IsPong {
		c.confirmed(cn, cn.ledger.appPong())
		c.reportRTT(cn, in.RTT)
	} else if !cn.confirms && in.Deliver { // no pings: life is all there is
		cn.ledger.confirm(cn.ledger.lastSeq())
	}
	return in.Deliver
}
