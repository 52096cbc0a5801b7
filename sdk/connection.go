package sdk

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/transport"
)

// connection is one open transport connection and the goroutines serving it.
// It ends once: the first call to end records why and cancels its context.
type connection struct {
	tc       transport.Conn
	attempt  int
	protocol string
	plan     heartbeat.Plan
	beat     *beat
	turn     *readTurn

	ctx    context.Context // cancelled when the connection ends
	cancel context.CancelFunc

	mu    sync.Mutex
	err   error
	ready bool // AfterOpen ran and the outbox was flushed: Send may write directly

	wg sync.WaitGroup
}

func newConnection(parent context.Context, tc transport.Conn, attempt int, plan heartbeat.Plan, needReader *atomic.Int32) *connection {
	cn := &connection{tc: tc, attempt: attempt, protocol: tc.Subprotocol(), plan: plan, turn: newReadTurn(needReader)}
	cn.ctx, cn.cancel = context.WithCancel(parent)
	return cn
}

// end records the first cause and cancels the connection's context.
func (cn *connection) end(err error) {
	cn.mu.Lock()
	if cn.err == nil {
		cn.err = err
	}
	cn.mu.Unlock()
	cn.cancel()
}

func (cn *connection) cause() error {
	cn.mu.Lock()
	defer cn.mu.Unlock()
	return cn.err
}

func (cn *connection) isReady() bool {
	cn.mu.Lock()
	defer cn.mu.Unlock()
	return cn.ready
}

func (cn *connection) setReady() {
	cn.mu.Lock()
	cn.ready = true
	cn.mu.Unlock()
}

// read is the connection's reader goroutine: while no Receive caller reads
// directly (see readTurn), it reads, applies the heartbeat rules to each message
// and hands the rest to the inbox, until the connection fails. It reads with a
// background context (no per-message timer); closing the transport stops it.
func (c *Client) read(cn *connection) {
	defer cn.wg.Done()
	for cn.turn.await(cn.ctx.Done()) {
		ok := c.readToInbox(cn)
		cn.turn.mu.Unlock()
		if !ok {
			return
		}
	}
}

// readToInbox reads one message into the inbox; false when the connection failed.
func (c *Client) readToInbox(cn *connection) bool {
	m, err := c.readOne(cn)
	if err != nil || m.Type == 0 {
		return err == nil
	}
	cn.beat.blocked.Store(true)
	c.inbox.put(m, cn.ctx.Done())
	cn.beat.blocked.Store(false)
	return true
}

// readOne reads one message and applies the heartbeat rules to it. A message
// that is not for Receive (a pong) comes back as the zero Message. An error
// ends the connection.
func (c *Client) readOne(cn *connection) (Message, error) {
	typ, data, err := cn.tc.Read(context.Background())
	if err != nil {
		cn.end(err)
		return Message{}, err
	}
	m := Message{Type: MessageType(typ), Data: data}
	if !c.onInbound(cn, m) {
		return Message{}, nil
	}
	return m, nil
}

func toHeartbeat(m Message) heartbeat.Message {
	return heartbeat.Message{Binary: m.Type == MessageBinary, Data: m.Data}
}

func fromHeartbeat(m heartbeat.Message) Message {
	if m.Binary {
		return Message{Type: MessageBinary, Data: m.Data}
	}
	return Message{Type: MessageText, Data: m.Data}
}
