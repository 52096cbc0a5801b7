//go:build !js

package mobile

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetherws/tether/sdk"
)

// Client is a WebSocket client that reconnects, heartbeats and negotiates
// subprotocols by its Config, for Android and iOS apps. Create one with
// NewClient, start it with Connect or ConnectAsync, stop it with Close.
//
// All methods are safe for concurrent use from any thread. Connect,
// SendText, SendBinary, Flush, Close and CloseWithStatus block: call them
// off the UI thread (a Cancel handle ends Connect and sends early). ConnectAsync, Enqueue*, CloseAsync, State,
// Subprotocol, RttMillis and the lifecycle hooks never block.
// Events go to the Listener on its own goroutine (see Listener).
//
// A session runs from Connect to its final OnClose, on one sdk.Client; Close
// ends the client for good, while a session that ended by itself (a failed
// Connect, the reconnect policy gave up, OnBackground with CloseInBackground)
// can be started again.
type Client struct {
	url      string
	cfg      Config
	listener Listener
	calls    callTracker    // the Listener call running, for Close
	opened   atomic.Bool    // a connection opened before: later opens are reconnects
	wg       sync.WaitGroup // background closes started by OnBackground

	mu         sync.Mutex
	sess       *session      // the running session; nil when idle
	tail       chan struct{} // done of the latest session's Listener goroutine; nil before the first
	lastOpened *session      // the latest session that opened a connection (Subprotocol)
	closed     bool
	paused     bool // OnBackground closed the session; OnForeground starts a new one
}

// NewClient returns a client for url (ws://, wss://, or http(s):// meaning the
// same) that reports to listener. url may be "" when cfg.CredentialsProvider
// returns the URL of every attempt. A nil cfg means NewConfig(); cfg is
// copied. A nil listener drops every event. It fails (kind "invalid") for a
// Config field that cannot work; a bad URL is reported by Connect. It starts
// nothing: no goroutine runs until Connect.
func NewClient(url string, cfg *Config, listener Listener) (*Client, error) {
	if cfg == nil {
		cfg = NewConfig()
	}
	if listener == nil {
		listener = nopListener{}
	}
	c := &Client{url: url, cfg: cfg.clone(), listener: listener}
	if err := c.cfg.check(); err != nil {
		return nil, err
	}
	return c, nil
}

// Connect starts a session and blocks until its first connection is open
// (nil) or the session ended first: the first attempt failed (with
// RetryFirstDial: the reconnect policy gave up), or Close or OnBackground
// ended it. Call it off the UI thread, or use ConnectAsync. A failed Connect
// is reported to the Listener too (OnError, then OnClose with isFinal true)
// and may be called again.
//
// cancel.Cancel ends it early (kind "cancelled"): the session then ends
// (OnError of kind "cancelled", then the final OnClose 1006). cancel bounds
// the connecting only: cancelling it after Connect returned has no effect. A
// handle already cancelled fails at once and starts nothing. A nil cancel
// (null in Kotlin, nil in Swift) never cancels.
func (c *Client) Connect(cancel *Cancel) error {
	ctx := cancel.context()
	if err := ctx.Err(); err != nil {
		return readable(err)
	}
	s, err := c.start()
	if err != nil {
		return err
	}
	return s.awaitOpen(ctx)
}

// ConnectAsync starts a session and returns at once; the outcome comes to the
// Listener (OnOpen, or OnError then OnClose). It fails at once only when the
// client is closed or a session already runs (kind "state").
func (c *Client) ConnectAsync() error {
	_, err := c.start()
	return err
}

func (c *Client) start() (*session, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.startLocked()
}

// startLocked starts a session: its sdk.Client, which connects in the
// background, and its Listener goroutine, which delivers after the previous
// session's.
func (c *Client) startLocked() (*session, error) {
	switch {
	case c.closed:
		return nil, sdk.ErrClosed
	case c.liveLocked() != nil:
		return nil, errBusy
	}
	s := newSession(c, c.tail)
	c.sess, c.tail, c.paused = s, s.done, false
	go s.run()
	return s, nil
}

// liveLocked returns the running session, retiring one whose sdk.Client has
// closed: its Listener goroutine may still be delivering its last events, but
// a new session may start (it delivers after them).
func (c *Client) liveLocked() *session {
	if s := c.sess; s != nil && s.ended() {
		c.sess = nil
	}
	return c.sess
}

// retire forgets s once its Listener goroutine reached the final OnClose, so
// that the OnClose method may start a new session.
func (c *Client) retire(s *session) {
	c.mu.Lock()
	if c.sess == s {
		c.sess = nil
	}
	c.mu.Unlock()
}

// live returns the running session, or nil.
func (c *Client) live() *session {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.liveLocked()
}

// State returns the client's state, one of these strings:
//   - "Idle": no session. Connect or ConnectAsync starts one; after a
//     background close, OnForeground does.
//   - "Connecting": an opening handshake is in progress.
//   - "Open": a connection is open and messages flow.
//   - "Reconnecting": the connection was lost; the client waits out a
//     backoff delay before its next attempt.
//   - "Closing": the session is ending.
//   - "Closed": Close was called. Final.
func (c *Client) State() string {
	c.mu.Lock()
	s, closed := c.liveLocked(), c.closed
	c.mu.Unlock()
	switch {
	case s != nil:
		return stateName(s.cl.State())
	case closed:
		return stateClosed
	}
	return stateIdle
}

func stateName(st sdk.State) string {
	switch st {
	case sdk.Open:
		return stateOpen
	case sdk.Reconnecting:
		return stateReconnecting
	case sdk.Closing, sdk.Closed:
		return stateClosing
	}
	return stateConnecting
}

// Subprotocol returns the subprotocol agreed on the current or last
// connection, or "" if none.
func (c *Client) Subprotocol() string {
	c.mu.Lock()
	s := c.lastOpened
	c.mu.Unlock()
	if s == nil {
		return ""
	}
	return s.cl.Subprotocol()
}

// RttMillis returns the smoothed heartbeat round-trip time in milliseconds
// (fractional); 0 before the first answered heartbeat of the session, or with
// none running.
func (c *Client) RttMillis() float64 {
	if s := c.live(); s != nil {
		_, smoothed := s.cl.RTT()
		return float64(smoothed) / float64(time.Millisecond)
	}
	return 0
}

// noteOpen records that s opened a connection. It runs in sdk's AfterOpen, on
// the sdk.Client's supervisor goroutine; the lock also orders it after
// startLocked stored s.cl.
func (c *Client) noteOpen(s *session) {
	c.mu.Lock()
	c.lastOpened = s
	c.mu.Unlock()
}
