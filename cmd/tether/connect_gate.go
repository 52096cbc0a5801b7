//go:build !js

package main

import (
	"context"
	"sync"

	"github.com/tetherws/tether/sdk"
)

// The SDK posts a connection's open event before its reader starts, and its
// close event once every message it read is in the client; but the callbacks
// run later, on another goroutine. Two hooks on the SDK's supervisor keep the
// merge goroutine's lines in order across reconnects:
//
//   - BeforeDial waits until the previous connection's close line is printed
//     (dialGate), so the drain before that line cannot print a message of the
//     next connection; it then tells the merge goroutine to receive nothing
//     until the next open line is printed (awaitOpen), so no message of the
//     next connection precedes its open line.
//   - AfterOpen arms the gate for the connection that just opened.

// beforeDial is Options.BeforeDial.
func (s *session) beforeDial(ctx context.Context, _ int, p sdk.DialParams) (sdk.DialParams, error) {
	if err := s.gate.wait(ctx); err != nil {
		return p, err
	}
	s.events.push(lifecycle{print: func() { s.awaitOpen = true }})
	return p, nil
}

// afterOpen is Options.AfterOpen.
func (s *session) afterOpen(context.Context, sdk.Sender) error {
	s.gate.arm()
	return nil
}

// dialGate holds each reconnect until the previous connection's close line
// is printed: the drain before it must not print the next connection's
// messages. The SDK's supervisor arms it (AfterOpen) and waits on it
// (BeforeDial); the merge goroutine releases it.
type dialGate struct {
	mu     sync.Mutex
	closed chan struct{} // nil: no connection awaits its close line
}

func (g *dialGate) arm() {
	g.mu.Lock()
	g.closed = make(chan struct{})
	g.mu.Unlock()
}

func (g *dialGate) release() {
	g.mu.Lock()
	if g.closed != nil {
		close(g.closed)
		g.closed = nil
	}
	g.mu.Unlock()
}

// wait blocks until the armed close line is printed or ctx ends.
func (g *dialGate) wait(ctx context.Context) error {
	g.mu.Lock()
	ch := g.closed
	g.mu.Unlock()
	if ch == nil {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
