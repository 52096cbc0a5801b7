package sdk

import (
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/transport"
)

// Delivery defaults.
const (
	// defaultMaxUnconfirmed is how many written messages may wait for
	// confirmation before senders wait (DeliveryOptions.MaxUnconfirmed):
	// enough that a sender of small messages on a fast link is paced by
	// the barrier delay (a ping per 50 ms) rather than by the window.
	defaultMaxUnconfirmed = 4096
	// defaultMaxUnconfirmedBytes bounds their bytes (4 MiB).
	defaultMaxUnconfirmedBytes = 4 << 20
	// defaultBarrierDelay is how long after a write the client sends the
	// ping that confirms it, unless a ping goes earlier.
	defaultBarrierDelay = 50 * time.Millisecond
)

// DeliveryOptions say how written messages are confirmed and what happens to
// those a lost connection leaves unconfirmed. A message is confirmed when a
// pong arrives that answers a ping written after it: the server has read it.
// The zero value re-sends unconfirmed messages first on the next connection
// (at least once: the server may read one twice) and uses the defaults.
type DeliveryOptions struct {
	// HandBackUnconfirmed hands messages that a lost connection left
	// unconfirmed back to the caller (UnsentEvent and Unsent, with an error
	// wrapping ErrMaybeDelivered) instead of re-sending them. False: re-send.
	HandBackUnconfirmed bool
	// MaxUnconfirmed and MaxUnconfirmedBytes bound the written messages
	// waiting for confirmation. Once half of either is written since the
	// last ping, the next ping goes out at once, so its pong can make room
	// before writers reach the bound; at a bound senders wait
	// (backpressure). Zero: the defaults, 4,096 messages and 4 MiB;
	// negative: an error.
	MaxUnconfirmed      int
	MaxUnconfirmedBytes int64
	// BarrierDelay is how long after a write the confirming ping goes out;
	// one ping confirms every message written before it. Zero: 50 ms;
	// negative: an error.
	BarrierDelay time.Duration
}

func (d *DeliveryOptions) check() error {
	if d.MaxUnconfirmed < 0 || d.MaxUnconfirmedBytes < 0 || d.BarrierDelay < 0 {
		return errfmt.Errorf("%w: Delivery limits are negative", ErrInvalidOptions)
	}
	return nil
}

func (d *DeliveryOptions) fillDefaults() {
	if d.MaxUnconfirmed == 0 {
		d.MaxUnconfirmed = defaultMaxUnconfirmed
	}
	if d.MaxUnconfirmedBytes == 0 {
		d.MaxUnconfirmedBytes = defaultMaxUnconfirmedBytes
	}
	if d.BarrierDelay == 0 {
		d.BarrierDelay = defaultBarrierDelay
	}
}

// confirmable reports whether a connection with plan can confirm writes: it
// has a heartbeat that sends pings.
func confirmable(plan liveness.Plan) bool {
	return (plan.Mode == heartbeat.ModeProtocol || plan.Mode == heartbeat.ModeApplication) &&
		plan.Interval > 0 && plan.Timeout > 0
}

// recordWrite enters m, just written on cn, in cn's ledger. A message whose
// data the caller still owns is copied: Send's caller may reuse it once Send
// returns. On a connection that ended meanwhile m goes to the loss policy.
func (c *Client) recordWrite(cn *connection, m transport.Message, acc uint64, owned, maybe bool) {
	c.traffic.wrote(len(m.Data))
	var s *slab
	if !owned {
		m.Data, s = cn.ledger.copyOf(m.Data)
	}
	w := written{msg: m, acc: acc, maybe: maybe, slab: s}
	need, ok := cn.ledger.add(w, !cn.confirms)
	switch {
	case !ok: // cn ended while m was written: settle has run
		c.lossMu.Lock()
		c.unconfirmed([]written{w})
		c.lossMu.Unlock()
	case need == barrierAtOnce && cn.confirms:
		c.requestBarrier(cn, 0)
	case need == barrierSoon && cn.confirms:
		c.requestBarrier(cn, c.barrierDelay())
	}
}

// barrierDelay is how soon a barrier ping follows a write: at once while a
// Flush (or Close) waits, else after DeliveryOptions.BarrierDelay.
func (c *Client) barrierDelay() time.Duration {
	if c.flushes.count.Load() > 0 {
		return 0
	}
	return c.opts.Delivery.BarrierDelay
}

// barrierNow asks the open connection for a barrier ping at once when it
// holds unconfirmed messages.
func (c *Client) barrierNow() {
	c.mu.Lock()
	cn := c.conn
	c.mu.Unlock()
	if cn != nil && cn.confirms && cn.ledger.countUpTo(^uint64(0)) > 0 {
		c.requestBarrier(cn, 0)
		cn.turn.wakeReader() // read the pong even if no Receive caller is reading
	}
}

// requestBarrier asks cn's heartbeat driver for a ping within d.
func (c *Client) requestBarrier(cn *connection, d time.Duration) {
	at := c.opts.clock.Now().Add(d)
	cn.live.do(func(m *liveness.Monitor) { m.Barrier(at) })
}

// confirmed runs after a pong confirmed cn's writes up to a ping; another
// barrier follows when writes came after that ping.
func (c *Client) confirmed(cn *connection, needBarrier bool) {
	if needBarrier {
		c.requestBarrier(cn, c.barrierDelay())
	}
}

// awaitRoom waits until cn's ledger has room, asking for a ping at once;
// false when stop ended first. Connections that cannot confirm never wait.
func (c *Client) awaitRoom(cn *connection, stop <-chan struct{}) bool {
	if !cn.confirms {
		return true
	}
	asked := false
	for {
		ch, ok := cn.ledger.room()
		if ok {
			return true
		}
		if !asked {
			c.requestBarrier(cn, 0)
			cn.turn.wakeReader() // the pong must be read while this sender, maybe the direct reader, waits
			asked = true
		}
		select {
		case <-ch:
		case <-stop:
			return false
		case <-cn.ctx.Done():
			return true // the write fails and the message is queued again
		}
	}
}

// settle applies the loss policy to what cn left unconfirmed once it ended:
// re-sent first on the next connection, or handed back. Called by the
// supervisor with writeSem held, so no write on cn is in progress.
func (c *Client) settle(cn *connection) {
	c.lossMu.Lock()
	defer c.lossMu.Unlock()
	c.unconfirmed(cn.ledger.take())
}

// unconfirmed applies the loss policy to ws. The caller holds lossMu.
func (c *Client) unconfirmed(ws []written) {
	if len(ws) == 0 {
		return
	}
	if !c.opts.Delivery.HandBackUnconfirmed {
		c.outbox.requeue(ws)
		return
	}
	msgs := make([]transport.Message, len(ws))
	for i, w := range ws {
		msgs[i] = w.msg // the caller's now: never recycled
		c.flushes.lost(w.acc)
	}
	c.reportUnsent(msgs, errfmt.Errorf("%w: the connection was lost before the server confirmed it", ErrMaybeDelivered))
	c.progress.notify() // a Flush waiting for them fails now, not when its context ends
}
