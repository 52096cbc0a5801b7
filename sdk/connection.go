package sdk

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/transport"
)

// connection is one open transport connection and the goroutines serving it.
// It ends once: the first call to end records why and cancels its context.
type connection struct {
	tc       transport.Conn
	queued   transport.Queued // tc, when the platform queues (browsers); else nil
	attempt  int
	protocol string
	plan     liveness.Plan
	live     *livenessState
	turn     *readTurn
	ledger   *ledger // written, unconfirmed messages
	confirms bool    // pings can confirm writes (the heartbeat sends them)
	// cancelableRead: Read may end with its context and leave the connection
	// open (in browsers, tc is Queued; natively, the transport interrupts a
	// read between messages: interruptibleReader), so Receive callers with
	// any context may read directly.
	cancelableRead bool

	ctx    context.Context // cancelled when the connection ends
	cancel context.CancelFunc

	// writeCtx bounds the client's own writes (the outbox flush, heartbeats).
	// It ends at once when the connection fails, but only closeWriteGrace after
	// Close, so a write in progress can finish and the close handshake still
	// happens (cancelling a write mid-frame would break the connection).
	writeCtx    context.Context
	cancelWrite context.CancelFunc
	// Native message writes do not take writeCtx: coder/websocket arms a
	// context watch on every write whose context can end, which costs more
	// than the rest of the sdk's per-message path. They count themselves in
	// writers instead, and cutWrites closes the socket under a write in
	// progress, as cancelling writeCtx would (see write).
	writers    atomic.Int32
	writesCut  atomic.Bool // cutWrites ran: writes fail
	writeAbort atomic.Bool // cutWrites closed the socket under a write
	stopWatch  func() bool
	watchDone  chan struct{} // closed when the stopWatch function has run
	grace      *time.Timer   // cuts writes closeWriteGrace after Close; set by the stopWatch function
	graceDone  chan struct{} // closed when grace's function has run

	// parked: the connection has no supervisor goroutine (see park).
	parked atomic.Bool

	mu  sync.Mutex
	err error

	wg sync.WaitGroup
}

// newConnection returns tc's connection, whose end calls resume (see park)
// first, then cuts or bounds its writes; release waits for both.
func newConnection(parent context.Context, tc transport.Conn, attempt int, plan liveness.Plan, needReader *atomic.Int32,
	resume func(*connection) bool) *connection {
	queued, _ := tc.(transport.Queued)
	ir, _ := tc.(interruptibleReader)
	cn := &connection{tc: tc, queued: queued, attempt: attempt, plan: plan,
		cancelableRead: queued != nil || (ir != nil && ir.InterruptibleRead())}
	cn.turn = newReadTurn(needReader, &cn.wg)
	cn.ctx, cn.cancel = context.WithCancel(parent)
	cn.writeCtx, cn.cancelWrite = context.WithCancel(context.Background())
	cn.watchDone = make(chan struct{})
	cn.stopWatch = context.AfterFunc(cn.ctx, func() {
		defer close(cn.watchDone)
		resume(cn)
		cn.endWrites(parent)
	})
	return cn
}

// interruptibleReader is a native transport.Conn whose Read can end with its
// context without closing the connection (transport/native's, when net/http
// reported the connection it dialled): a Read waiting for a message returns
// the context's error, one inside a message reads it to its end first.
type interruptibleReader interface{ InterruptibleRead() bool }

// closeWriteGrace is how long a write in progress may go on after Close.
const closeWriteGrace = 2 * time.Second

// endWrites ends writeCtx when the connection ends: after closeWriteGrace on a
// Close (parent done), at once otherwise.
func (cn *connection) endWrites(parent context.Context) {
	if parent.Err() == nil {
		cn.cutWrites()
		return
	}
	cn.graceDone = make(chan struct{})
	cn.grace = time.AfterFunc(closeWriteGrace, func() { // release stops it or waits for it
		defer close(cn.graceDone)
		cn.cutWrites()
	})
}

// write writes m on the connection, ahead of nothing: the caller holds the
// client's writeSem. Natively it writes with a context that never ends and
// cutWrites closes the socket under it should writeCtx end meanwhile; in
// browsers writeCtx bounds the wait for the buffer to drain (cutting that wait
// is safe there: nothing was sent).
func (cn *connection) write(m transport.Message) error {
	if cn.queued != nil {
		return cn.tc.Write(cn.writeCtx, m)
	}
	cn.writers.Add(1)
	defer cn.writers.Add(-1)
	if cn.writesCut.Load() {
		return errConnEnded
	}
	return cn.tc.Write(context.Background(), m)
}

// cutWrites ends writeCtx and, natively, closes the socket when a write is
// in progress (what coder/websocket does when a write's context ends). A
// write's count and writesCut are both sequentially consistent: either the
// write sees writesCut and does not start, or cutWrites sees it counted.
func (cn *connection) cutWrites() {
	cn.writesCut.Store(true)
	cn.cancelWrite()
	if cn.queued == nil && cn.writers.Load() > 0 {
		cn.writeAbort.Store(true)
		cn.tc.Abort(transport.StatusAbnormalClosure, "")
	}
}

// release frees what the connection holds once its goroutines are done.
func (cn *connection) release() {
	if !cn.stopWatch() {
		<-cn.watchDone // it is running: let it finish before Close returns
	}
	if cn.grace != nil && !cn.grace.Stop() {
		<-cn.graceDone // it is running: let it finish before Close returns
	}
	cn.cutWrites()
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
	m, err := c.readOne(context.Background(), cn)
	if err != nil || m.Type == 0 {
		return err == nil
	}
	cn.live.blocked.Store(true)
	c.inbox.put(m, cn.ctx.Done())
	cn.live.blocked.Store(false)
	return true
}

// readOne reads one message and applies the heartbeat rules to it. A message
// that is not for Receive (a pong) comes back as the zero Message. An error
// ends the connection, except ctx's own error on a cancelable transport.
func (c *Client) readOne(ctx context.Context, cn *connection) (transport.Message, error) {
	m, err := cn.tc.Read(ctx)
	if err != nil {
		if ctx.Err() == nil || err != ctx.Err() {
			cn.end(err)
		}
		return transport.Message{}, err
	}
	if !c.onInbound(cn, m) {
		return transport.Message{}, nil
	}
	c.traffic.read(len(m.Data))
	return m, nil
}
