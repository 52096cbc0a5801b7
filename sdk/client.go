package sdk

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/redact"
	"github.com/tetherws/tether/transport"
)

// Client is a WebSocket client that reconnects, heartbeats and negotiates
// subprotocols by policy. Create one with New (connects in the background)
// or Dial (waits for the first open).
//
// All methods are safe for concurrent use, and OnEvent runs one event at a
// time, in order. The client owns its goroutines: a supervisor that dials,
// reconnects and flushes the outbox, which ends while a connection is open
// with nothing queued (a message queued, or the connection's end, starts it
// again); a reader per open connection only while no Receive caller reads
// the socket on its own goroutine (see Receive); the heartbeat's timers,
// which take a goroutine only while an action runs; and, only while events
// wait for OnEvent, one that delivers them. An idle open client thus runs no
// goroutine of its own. Close stops them all before it returns, except that
// events already queued are still delivered after it, in order.
type Client struct {
	opts   Options
	params DialParams // the supervisor's (whichever goroutine supervises, see park)

	ctx    context.Context // lifetime: cancelled by Close
	cancel context.CancelFunc

	state    *stateBox
	events   dispatcher
	inbox    *inbox
	outbox   *outbox
	writeSem chan struct{} // 1 slot: serialises writes on the current connection
	log      logger

	mu         sync.Mutex
	conn       *connection                // open connection, nil while not open
	last       transport.Conn             // the latest connection, open or not (BufferedAmount)
	ready      atomic.Pointer[connection] // set once AfterOpen ran and the outbox was flushed
	needReader atomic.Int32               // Receive callers that need the reader goroutine (see readTurn)
	subproto   string
	closeCode  int
	closeMsg   string
	final      error // terminal error, set once
	dialErr    error // the last attempt that failed before the first open
	unsent     []transport.Message

	accepted   atomic.Uint64 // messages accepted by Send and Enqueue so far (acceptance numbers)
	writing    atomic.Uint64 // acceptance number of the direct write in progress (one at a time: writeSem), or 0
	progress   signal        // told when messages leave the outbox or a ledger (Flush)
	flushes    flushWaiters
	lossMu     sync.Mutex  // makes handing a lost connection's ledger to the outbox atomic for Flush
	abortClose atomic.Bool // Close found the link dead: no close handshake
	traffic    traffic     // Stats

	firstOpen chan error    // the supervisor reports the first attempt's outcome
	skipWait  chan struct{} // capacity 1: ReconnectNow ends a backoff wait
	done      chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup // the supervisor (one count, also while its connection is parked) and js's page watch
	sup       supervision    // the supervisor's (whichever goroutine supervises)
	hb        rttTracker
	page      *pageSignals // js: the page's online and visibility events
}

// New returns a client for url that connects in the background: it checks
// its arguments (an Options mistake fails with an error wrapping
// ErrInvalidOptions) and returns at once, without touching the network.
// Send and Enqueue queue messages in the outbox until the first connection
// opens; Receive and Next wait for what the server sends. When the first
// attempt fails and Reconnect.RetryFirstDial is off, or the reconnect policy
// gives up, the client closes: Err says why (wrapping ErrClosed and the
// cause, e.g. a *transport.HandshakeError), queued messages are handed back
// (UnsentEvent, Unsent) and Done is closed. The URL scheme must be ws or wss;
// http and https are mapped to ws and wss. url may be "" when
// Options.BeforeDial supplies the URL of every attempt. A nil opts uses the
// defaults.
func New(url string, opts *Options) (*Client, error) {
	c, err := newClient(url, opts)
	if err != nil {
		return nil, err
	}
	c.start()
	return c, nil
}

// Dial is New followed by a wait for the first open: it returns the client
// once a connection is open.
//
// ctx bounds Dial only (the first connection, or with Reconnect.RetryFirstDial
// every attempt until one opens); cancelling it later does not affect the client.
// Dial checks its arguments before it starts anything: a nil ctx fails with
// ErrInvalidArgument, a ctx that has already ended with an error wrapping ctx's
// error, an Options mistake with an error wrapping ErrInvalidOptions. A failed
// first attempt without RetryFirstDial returns its own error (a
// *transport.HandshakeError, a *subprotocol.MismatchError, a network error). A ctx
// that ends before the connection opens fails Dial even if the connection
// opens at the same moment; with RetryFirstDial the error wraps both ctx's
// error and the last failed attempt's (errors.As finds a *transport.HandshakeError, for
// example). On failure Dial returns a typed error and leaves no goroutine
// behind.
func Dial(ctx context.Context, url string, opts *Options) (*Client, error) {
	if ctx == nil {
		return nil, errNilContext
	}
	c, err := newClient(url, opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, errfmt.Errorf("tether: dial: %w", err)
	}
	c.start()
	if err := c.awaitFirstOpen(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// awaitFirstOpen waits for the supervisor's first outcome or the end of ctx,
// whichever Dial sees first; ctx having ended always wins, so the result
// does not depend on which the select picks. On failure it shuts c down and
// waits for the callbacks already posted (Dial never runs in one of c's own
// callbacks: c is not returned before it opens).
func (c *Client) awaitFirstOpen(ctx context.Context) error {
	err := c.firstOutcome(ctx)
	if err != nil {
		c.events.wait()
	}
	return err
}

func (c *Client) firstOutcome(ctx context.Context) error {
	var err error
	select {
	case err = <-c.firstOpen:
	case <-ctx.Done():
	}
	if err == nil && ctx.Err() == nil {
		return nil
	}
	if err != nil {
		c.shutdown(err, transport.StatusNormalClosure, "")
		return err
	}
	c.shutdown(ctx.Err(), transport.StatusNormalClosure, "")
	if last := c.lastDialError(); last != nil {
		return errfmt.Errorf("tether: dial: %w (last attempt: %w)", ctx.Err(), last)
	}
	return errfmt.Errorf("tether: dial: %w", ctx.Err())
}

// lastDialError returns the error of the last attempt that failed before the
// first open, or nil.
func (c *Client) lastDialError() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dialErr
}

func newClient(rawURL string, opts *Options) (*Client, error) {
	o, err := opts.resolved()
	if err != nil {
		return nil, err
	}
	u, err := initialURL(rawURL, o.BeforeDial != nil)
	if err != nil {
		return nil, err
	}
	p := DialParams{URL: u, Header: o.Header, Subprotocols: o.Subprotocols, SubprotocolCredentials: o.SubprotocolCredentials}
	if err := checkParams(p); err != nil {
		return nil, err
	}
	if err := checkHeartbeat(&o, p.Subprotocols); err != nil {
		return nil, err
	}
	c := &Client{opts: o, params: p, state: newStateBox(), inbox: newInbox(o.ReceiveBuffer, o.ReceiveBufferBytes),
		outbox: newOutbox(o.Outbox, nil), writeSem: make(chan struct{}, 1), log: newLogger(o.Logger),
		firstOpen: make(chan error, 1), skipWait: make(chan struct{}, 1), done: make(chan struct{})}
	c.inbox.added = o.wake
	c.outbox.progress = &c.progress
	c.outbox.dropped = c.flushes.lost
	c.ctx, c.cancel = context.WithCancel(context.Background())
	return c, nil
}

func offerOf(p DialParams) negotiate.Offer {
	return negotiate.Offer{Protocols: p.Subprotocols, Credentials: p.SubprotocolCredentials}
}

func (c *Client) start() {
	c.startPlatform()
	c.wg.Add(1)
	go c.supervise()
}

// State returns the current state.
func (c *Client) State() State { return c.state.get() }

// Subprotocol returns the subprotocol agreed on the current (or last) connection,
// or "" if none.
func (c *Client) Subprotocol() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.subproto
}

// BufferedAmount is the number of bytes given to Send or Enqueue that have
// not yet been handed to the network: those waiting in the outbox, plus, in
// browsers, the latest connection's WebSocket.bufferedAmount (natively the
// kernel's buffers are not counted).
func (c *Client) BufferedAmount() int64 {
	c.mu.Lock()
	last := c.last
	c.mu.Unlock()
	n := c.outbox.byteCount()
	if q, ok := last.(transport.Queued); ok {
		n += q.BufferedAmount()
	}
	return n
}

// Done is closed once the client is Closed.
func (c *Client) Done() <-chan struct{} { return c.done }

// Err returns why the client closed: nil while it runs, ErrClosed after Close,
// or an error wrapping ErrClosed and the cause when it gave up.
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.final
}

// RTT returns the latest and the smoothed heartbeat round-trip time; zero
// before the first answered heartbeat.
func (c *Client) RTT() (latest, smoothed time.Duration) { return c.hb.get() }

// Unsent returns the messages queued with Enqueue that were never sent because
// the client closed or gave up (messages given to Send are returned to its
// caller as an error instead).
func (c *Client) Unsent() []transport.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]transport.Message(nil), c.unsent...)
}

// setState moves to next and posts a StateChangeEvent.
func (c *Client) setState(next State, cause error) {
	prev, ok := c.state.set(next)
	if !ok {
		return
	}
	if c.log.enabled() {
		c.log.Debug("tether: state", "from", prev.String(), "to", next.String())
	}
	if c.observed() {
		emit(c, StateChangeEvent{From: prev, To: next, Cause: cause})
	}
}

func (c *Client) redactedURL(u string) string { return redact.URL(u) }

// rttTracker keeps the latest heartbeat RTTs for RTT().
type rttTracker struct {
	mu               sync.Mutex
	latest, smoothed time.Duration
}

func (r *rttTracker) set(s liveness.RTTStats) {
	r.mu.Lock()
	r.latest, r.smoothed = s.Latest, s.Smoothed
	r.mu.Unlock()
}

func (r *rttTracker) get() (time.Duration, time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.latest, r.smoothed
}
