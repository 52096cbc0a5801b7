//go:build !js

package mobile

import (
	"context"
	"errors"
	"sync"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// session is one sdk.Client's life, from Connect (or OnForeground after a
// background close) to its final OnClose. The sdk.Client connects,
// reconnects and queues; the session's Listener goroutine (run, in
// translate.go) turns its event stream into Listener calls.
type session struct {
	owner  *Client
	cl     *sdk.Client   // nil when sdk.New refused the URL or options (err says why)
	err    error         // why sdk.New failed
	opened chan struct{} // closed at the first open
	once   sync.Once
	prev   <-chan struct{} // done of the session before; nil for the first
	done   chan struct{}   // closed when the Listener goroutine returned

	mu      sync.Mutex
	stopped *endStatus // set by stop, before the sdk.Client is closed
}

// endStatus is how a session ended: the final OnClose's code and reason, and
// the cause reported by OnError (nil: none).
type endStatus struct {
	code   int
	reason string
	cause  error
}

// newSession creates the session's sdk.Client, which starts connecting at
// once; prev is the done channel of the session before.
func newSession(c *Client, prev <-chan struct{}) *session {
	s := &session{owner: c, opened: make(chan struct{}), prev: prev, done: make(chan struct{})}
	opts, err := c.cfg.options()
	if err == nil {
		opts.StreamEvents = true
		opts.AfterOpen = s.afterOpen
		s.cl, err = sdk.New(c.url, opts)
	}
	s.err = readable(err)
	return s
}

// afterOpen runs after every open, on the sdk.Client's supervisor goroutine:
// it releases Connect at the first.
func (s *session) afterOpen(context.Context, func(context.Context, transport.Message) error) error {
	s.owner.noteOpen(s)
	s.once.Do(func() { close(s.opened) })
	return nil
}

// awaitOpen waits until the first connection opens, the session ends or ctx
// ends; when ctx ends first it ends the session as cancelled.
func (s *session) awaitOpen(ctx context.Context) error {
	if s.cl == nil {
		return s.err
	}
	select {
	case <-s.opened:
		return nil
	case <-s.cl.Done():
	case <-ctx.Done():
		if s.hasOpened() {
			return nil
		}
		s.stop(endStatus{code: 1006, cause: readable(ctx.Err())})
		return s.failure()
	}
	if s.hasOpened() { // opened, then ended at once: Connect did its part
		return nil
	}
	return s.failure()
}

func (s *session) hasOpened() bool {
	select {
	case <-s.opened:
		return true
	default:
		return false
	}
}

// failure is why the session ended before its first open.
func (s *session) failure() error {
	err := s.cl.Err()
	if err == sdk.ErrClosed { // Close, OnBackground or a cancelled Connect ended it
		if st := s.stopStatus(); st.cause != nil {
			return st.cause
		}
		return sdk.ErrClosed
	}
	return readable(causeOf(err))
}

// stop ends the session, unless it ended by itself first: then its failure
// is what the Listener hears. It returns once the sdk.Client is closed. A
// status with a cause ends it like a failure (OnError, then OnClose with that
// code); without, the code and reason go to the server.
func (s *session) stop(st endStatus) {
	s.mu.Lock()
	if s.stopped == nil {
		s.stopped = &st
	}
	s.mu.Unlock()
	if s.cl == nil {
		return
	}
	if st.cause != nil {
		_ = s.cl.Close()
		return
	}
	_ = s.cl.CloseWithStatus(st.code, st.reason)
}

// stopStatus is what stop was given; only meaningful once the sdk.Client
// closed without a cause of its own.
func (s *session) stopStatus() endStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped == nil {
		return endStatus{code: 1000}
	}
	return *s.stopped
}

// ended reports whether the session's sdk.Client is closed (or never was).
func (s *session) ended() bool {
	if s.cl == nil {
		return true
	}
	select {
	case <-s.cl.Done():
		return true
	default:
		return false
	}
}

// causeOf returns the cause that a closed sdk.Client's Err wraps next to
// sdk.ErrClosed, or err itself.
func causeOf(err error) error {
	if multi, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range multi.Unwrap() {
			if !errors.Is(e, sdk.ErrClosed) {
				return e
			}
		}
	}
	return err
}
