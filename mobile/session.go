//go:build !js

package mobile

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetherws/tether/sdk"
)

// session is one sdk.Client's life, from Connect to its final OnClose. Its
// merge goroutine (merge.go) turns the SDK's events and received messages into
// Listener calls, in order.
type session struct {
	owner      *Client
	opts       *sdk.Options
	ctl        *ctlQueue
	dialCtx    context.Context
	cancelDial context.CancelFunc
	dialed     chan struct{} // closed when sdk.Dial returned
	skip       chan struct{} // capacity 1: nudge ends dialLoop's backoff
	sdkState   atomic.Int32  // the last sdk.State the SDK reported

	mu         sync.Mutex
	c          *sdk.Client // set when Dial succeeded
	gen        int         // the attempt that set c
	dialErr    error
	returned   bool          // Dial returned
	pre        []sdk.Message // enqueued while Dial ran
	lost       []sdk.Message // enqueued but never handed to the SDK
	stopping   bool          // Close or OnBackground ends the session
	stopCode   int
	stopReason string
	closeSeen  chan struct{} // closed once the merge goroutine handled the open connection's close

	merge mergeState // owned by the merge goroutine
}

// settleTimeout bounds settle; the change it waits for is immediate.
const settleTimeout = 5 * time.Second

// sdkClosed is pushed after the last callback of attempt gen's SDK client.
type sdkClosed struct{ gen int }

func newSession(owner *Client, opts *sdk.Options, base context.Context) *session {
	s := &session{owner: owner, opts: opts, ctl: newCtlQueue(),
		dialed: make(chan struct{}), skip: make(chan struct{}, 1)}
	s.dialCtx, s.cancelDial = context.WithCancel(base)
	s.sdkState.Store(int32(sdk.Connecting))
	opts.OnOpen = func(e sdk.OpenEvent) { s.ctl.push(e) }
	opts.OnClose = func(e sdk.CloseEvent) { s.ctl.push(e) }
	opts.OnReconnecting = func(e sdk.ReconnectingEvent) { s.ctl.push(e) }
	opts.OnUnsent = func(e sdk.UnsentEvent) { s.ctl.push(e) }
	opts.BeforeDial = s.beforeDial
	opts.AfterOpen = s.afterOpen
	return s
}

// onState runs for every state change of the SDK client of attempt gen. It
// records progress while Dial runs; a failed attempt's Closing and Closed are
// not the session's (stateName sees those through the client or stop).
func (s *session) onState(gen int, e sdk.StateChangeEvent) {
	switch e.To {
	case sdk.Closed:
		s.ctl.push(sdkClosed{gen: gen}) // Closed is the SDK's last callback
	case sdk.Closing:
	default:
		s.sdkState.Store(int32(e.To))
	}
}

// afterOpen runs on the SDK's supervisor goroutine for every open connection.
func (s *session) afterOpen(context.Context, sdk.Sender) error {
	s.mu.Lock()
	s.closeSeen = make(chan struct{})
	s.mu.Unlock()
	return nil
}

// beforeDial holds the next attempt until the merge goroutine has delivered the
// previous connection's messages and OnClose, so that no message of the next
// connection is received before them.
func (s *session) beforeDial(ctx context.Context, _ int, p sdk.DialParams) (sdk.DialParams, error) {
	s.mu.Lock()
	seen := s.closeSeen
	s.mu.Unlock()
	if seen == nil {
		return p, nil
	}
	select {
	case <-seen:
		return p, nil
	case <-ctx.Done():
		return p, ctx.Err()
	}
}

// closeHandled releases beforeDial.
func (s *session) closeHandled() {
	s.mu.Lock()
	if s.closeSeen != nil {
		close(s.closeSeen)
		s.closeSeen = nil
	}
	s.mu.Unlock()
}

// dial runs sdk.Dial on the caller's goroutine and hands the result to the
// merge goroutine.
func (s *session) dial() error {
	cl, gen, err := s.dialLoop()
	s.cancelDial() // only bounds Dial; the client is not affected
	if cl != nil {
		settle(cl)
	}
	s.mu.Lock()
	s.c, s.gen, s.dialErr, s.returned = cl, gen, err, true
	if cl != nil {
		s.flushPre(cl)
	} else {
		s.lost, s.pre = append(s.lost, s.pre...), nil
	}
	stopping, code, reason := s.stopping, s.stopCode, s.stopReason
	close(s.dialed)
	s.mu.Unlock()
	switch {
	case err != nil && stopping:
		return sdk.ErrClosed
	case err != nil:
		return readable(err)
	case stopping:
		_ = cl.CloseWithStatus(code, reason) // Close came while Dial returned
	}
	return nil
}

// settle waits for the state to leave Connecting: sdk.Dial returns as soon as
// the first connection opens, a moment before the client's state says Open.
func settle(cl *sdk.Client) {
	ctx, cancel := context.WithTimeout(context.Background(), settleTimeout)
	defer cancel()
	for cl.State() == sdk.Connecting {
		if !cl.WaitStateChange(ctx, sdk.Connecting) {
			return
		}
	}
}

// flushPre hands the messages enqueued during Dial to the SDK, in order.
func (s *session) flushPre(cl *sdk.Client) {
	for _, m := range s.pre {
		if cl.Enqueue(m) != nil {
			s.lost = append(s.lost, m)
		}
	}
	s.pre = nil
}

// client waits for Dial and returns the SDK client.
func (s *session) client(ctx context.Context) (*sdk.Client, error) {
	select {
	case <-s.dialed:
	case <-ctx.Done():
		return nil, readable(ctx.Err())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.stopping:
		return nil, sdk.ErrClosed
	case s.c == nil:
		return nil, fmt.Errorf("%w: %w", errNotConnected, readable(s.dialErr))
	}
	return s.c, nil
}

// enqueue queues m without blocking, in the SDK's outbox or, while Dial runs,
// in the session's own.
func (s *session) enqueue(m sdk.Message) error {
	s.mu.Lock()
	if s.returned {
		cl := s.c
		s.mu.Unlock()
		if cl == nil {
			return errNotConnected
		}
		return readable(cl.Enqueue(m))
	}
	defer s.mu.Unlock()
	switch {
	case s.stopping:
		return sdk.ErrClosed
	case len(s.pre) >= s.outboxLimit():
		return &sdk.OutboxFullError{Message: m}
	}
	s.pre = append(s.pre, m)
	return nil
}

func (s *session) outboxLimit() int {
	if n := s.opts.Outbox.MaxMessages; n > 0 {
		return n
	}
	return sdk.DefaultOutboxMessages
}

// stop ends the session with code and reason, without waiting. A session
// that already ended by itself keeps its outcome: its OnError and final
// OnClose report that failure, however soon after it stop comes and whether
// or not the merge goroutine has reported it yet.
func (s *session) stop(code int, reason string) {
	ended := s.ended()
	s.mu.Lock()
	if !s.stopping && !ended {
		s.stopping, s.stopCode, s.stopReason = true, code, reason
	}
	cl := s.c
	s.mu.Unlock()
	s.cancelDial()
	if cl != nil {
		_ = cl.CloseWithStatus(code, reason)
	}
}

// ended reports whether the session ended by itself: Dial returned an error
// (Connect failed), or the SDK client gave up. Both are final.
func (s *session) ended() bool {
	s.mu.Lock()
	returned, cl := s.returned, s.c
	s.mu.Unlock()
	return returned && (cl == nil || cl.Err() != nil)
}

// current returns the SDK client, or nil while Dial runs or after it failed.
func (s *session) current() *sdk.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c
}

// nudge cuts a backoff wait short, or probes an open connection.
func (s *session) nudge() {
	if cl := s.current(); cl != nil {
		cl.ReconnectNow()
		return
	}
	notify(s.skip)
}

// stateName maps the session's state to a State* constant.
func (s *session) stateName() string {
	s.mu.Lock()
	cl, ending := s.c, s.stopping || (s.returned && s.c == nil)
	s.mu.Unlock()
	st := sdk.State(s.sdkState.Load())
	if cl != nil {
		st = cl.State()
	}
	switch {
	case ending || st == sdk.Closing || st == sdk.Closed:
		return StateClosing
	case st == sdk.Open:
		return StateOpen
	case st == sdk.Reconnecting:
		return StateReconnecting
	}
	return StateConnecting
}
