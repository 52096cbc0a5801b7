//go:build !js

package mobile

import (
	"sync"
	"time"

	"github.com/tetherws/tether/sdk"
)

// Client is a WebSocket client that reconnects, heartbeats and negotiates
// subprotocols by its Config, for Android and iOS apps. Create one with
// NewClient, start it with Connect or ConnectAsync, stop it with Close.
//
// All methods are safe for concurrent use from any thread. Connect,
// ConnectWithCancel, SendText*, SendBinary*, Close and CloseWithStatus block:
// call them off the UI thread. ConnectAsync, Enqueue*, CloseAsync, State,
// Subprotocol, RttMillis and the lifecycle hooks never block.
// Events go to the Listener on its own goroutine (see Listener).
//
// A session runs from Connect to its final OnClose; Close ends the client for
// good, while a session that ended by itself (the reconnect policy gave up,
// OnBackground with CloseInBackground) can be started again.
type Client struct {
	url      string
	cfg      Config
	listener Listener
	events   *serial        // the Listener goroutine
	wg       sync.WaitGroup // merge, dial and stop goroutines

	mu        sync.Mutex
	sess      *session
	closed    bool
	paused    bool // OnBackground closed the session; OnForeground reopens it
	resume    bool // OnForeground came while that close ran
	opened    bool // a connection opened before: later opens are reconnects
	lastProto string
}

// NewClient returns a client for url (ws://, wss://, or http(s):// meaning the
// same) that reports to listener. A nil cfg means NewConfig(); cfg is copied.
// A nil listener drops every event. It fails (ErrorKindInvalid) for a Config
// field that cannot work; a bad URL is reported by Connect. It starts
// nothing: no goroutine runs until Connect.
func NewClient(url string, cfg *Config, listener Listener) (*Client, error) {
	if cfg == nil {
		cfg = NewConfig()
	}
	c := &Client{url: url, cfg: cfg.clone(), listener: listener, events: newSerial()}
	if err := c.cfg.check(); err != nil {
		return nil, err
	}
	return c, nil
}

// Connect starts a session and blocks until its first connection is open
// (nil) or the attempt failed (with RetryFirstDial: until an attempt opens,
// the reconnect policy gives up, or Close). Call it off the UI thread. A failed Connect is reported to the
// Listener too (OnError, then OnClose with isFinal true) and may be called again.
func (c *Client) Connect() error { return c.ConnectWithCancel(nil) }

// ConnectWithCancel is Connect, ended early by h.Cancel (ErrorKindCancelled).
// h bounds the connecting only: cancelling it after Connect returned has no
// effect. A nil h never cancels.
func (c *Client) ConnectWithCancel(h *Cancel) error {
	s, err := c.begin(h)
	if err != nil {
		return err
	}
	return s.dial()
}

// ConnectAsync starts a session and returns at once; the outcome comes to the
// Listener (OnOpen, or OnError then OnClose). It fails at once only when the
// client is closed or a session already runs (ErrorKindState).
func (c *Client) ConnectAsync() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := c.startLocked(nil, true)
	return err
}

func (c *Client) begin(h *Cancel) (*session, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.startLocked(h, false)
}

// startLocked starts a session's merge goroutine and, when async, its Dial.
func (c *Client) startLocked(h *Cancel, async bool) (*session, error) {
	switch {
	case c.closed:
		return nil, sdk.ErrClosed
	case c.sess != nil:
		return nil, errBusy
	}
	opts, err := c.cfg.options()
	if err != nil {
		return nil, err
	}
	s := newSession(c, opts, h.context())
	c.sess, c.paused, c.resume = s, false, false
	c.wg.Add(1)
	go s.run()
	if async {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			_ = s.dial() // reported to the Listener by the merge goroutine
		}()
	}
	return s, nil
}

// Close ends the client for good: it stops any session with close code 1000
// (interrupting Connect and blocked sends, which return ErrorKindClosed),
// waits for the final OnClose to be delivered and for every goroutine the
// client started to exit. A session that had already failed by itself (a
// Connect that returned an error, a reconnect policy that gave up) is
// reported as that failure (OnError, then the final OnClose with its code:
// 1006 when no close frame came), however soon Close follows it. The close handshake may take up to 5 s: call it off
// the UI thread, or use CloseAsync. Close is idempotent; it may be called from
// a Listener method, where it does not wait for the Listener goroutine (the
// final OnClose then runs after the calling method returns).
func (c *Client) Close() error { return c.CloseWithStatus(1000, "") }

// CloseWithStatus is Close with a close code (1000, or 3000–4999 for the
// application) and a reason of at most 123 bytes.
func (c *Client) CloseWithStatus(code int64, reason string) error {
	if err := checkClose(code, reason); err != nil {
		return err
	}
	c.mu.Lock()
	c.closed = true
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.stop(int(code), reason)
	}
	c.wg.Wait()
	c.events.wait()
	return nil
}

// CloseAsync is Close without waiting: completion is the final OnClose.
func (c *Client) CloseAsync() {
	go func() { _ = c.Close() }()
}

// State returns one of the State* constants.
func (c *Client) State() string {
	c.mu.Lock()
	s, closed := c.sess, c.closed
	c.mu.Unlock()
	switch {
	case s != nil:
		return s.stateName()
	case closed:
		return StateClosed
	}
	return StateIdle
}

// Subprotocol returns the subprotocol agreed on the current or last
// connection, or "" if none.
func (c *Client) Subprotocol() string {
	c.mu.Lock()
	s, last := c.sess, c.lastProto
	c.mu.Unlock()
	if s != nil {
		if cl := s.current(); cl != nil {
			return cl.Subprotocol()
		}
	}
	return last
}

// RttMillis returns the smoothed heartbeat round-trip time in milliseconds
// (fractional); 0 before the first answered heartbeat of the session, or with
// none running.
func (c *Client) RttMillis() float64 {
	if cl := c.currentClient(); cl != nil {
		_, smoothed := cl.RTT()
		return float64(smoothed) / float64(time.Millisecond)
	}
	return 0
}

func (c *Client) currentClient() *sdk.Client {
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s == nil {
		return nil
	}
	return s.current()
}

// emit posts a Listener call to the Listener goroutine.
func (c *Client) emit(f func(Listener)) {
	if l := c.listener; l != nil {
		c.events.post(func() { f(l) })
	}
}

// markOpened reports whether a connection opened before, and records one.
func (c *Client) markOpened() (reconnect bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	reconnect, c.opened = c.opened, true
	return reconnect
}

// endSession retires s and posts its final OnClose, under the lock so that a
// session started afterwards reports after it.
func (c *Client) endSession(s *session, st closeStatus) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl := s.merge.cl; cl != nil {
		c.lastProto = cl.Subprotocol()
	}
	if c.sess == s {
		c.sess = nil
	}
	c.emit(func(l Listener) { l.OnClose(int64(st.code), st.reason, true) })
	if c.resume && !c.closed {
		_, _ = c.startLocked(nil, true)
	}
}
