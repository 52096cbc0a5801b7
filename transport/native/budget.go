//go:build !js

package native

import (
	"context"
	"fmt"
	"net/http"
	"sync"
)

// defaultHandshakeSlots bounds the opening handshakes in progress at once
// on the handshake's own connection (upgrade.go) from one *http.Transport to
// one host:port, unless the Transport's MaxConnsPerHost sets the bound (a
// Transport counts a connection against it until a 101 hands it over, so
// there too it bounds handshakes in progress). RFC 6455 §4.1 allows a client
// one connection in the CONNECTING state per endpoint, and browsers keep to
// it (Chromium adds a 10 ms pause between two); a process holding thousands
// of clients would connect them far too slowly that way, so it gets this
// many. Beyond it an attempt waits, within its context, before it dials:
// when a whole fleet in one process reconnects at once to a server that
// cannot answer them all within their handshake timeout, attempts time out
// waiting here instead of leaving the server requests it upgrades for
// clients that have gone.
const defaultHandshakeSlots = 256

// handshakeSlots is tr's bound on handshakes in progress per endpoint.
func handshakeSlots(tr *http.Transport) int {
	if tr.MaxConnsPerHost > 0 {
		return tr.MaxConnsPerHost
	}
	return defaultHandshakeSlots
}

// endpoint is a budget's key: the Transport whose settings dial, and the
// address dialed.
type endpoint struct {
	tr   *http.Transport
	addr string
}

// budgets holds the budget of every endpoint with a handshake in progress
// or waiting; an endpoint's entry goes when its last one does. The zero
// value is not usable: see newBudgets.
type budgets struct {
	mu sync.Mutex
	m  map[endpoint]*budget
}

// budget is one endpoint's: a slot per handshake in progress, and how many
// handshakes hold or wait for one (guarded by budgets.mu).
type budget struct {
	slots chan struct{}
	users int
}

func newBudgets() *budgets {
	return &budgets{m: make(map[endpoint]*budget)}
}

// handshakes is the process's: every direct handshake takes a slot of it.
var handshakes = newBudgets()

// acquire waits for one of e's slots until ctx ends; release gives it back.
// slots is e's number of slots when no handshake with e holds or waits for
// one (the first sets it).
func (b *budgets) acquire(ctx context.Context, e endpoint, slots int) (release func(), err error) {
	g := b.join(e, slots)
	select {
	case g.slots <- struct{}{}:
		return func() {
			<-g.slots
			b.leave(e, g)
		}, nil
	case <-ctx.Done():
		b.leave(e, g)
		return nil, &slotWaitError{addr: e.addr, slots: slots, err: ctx.Err()}
	}
}

// slotWaitError is an attempt whose context ended while it waited for a
// handshake slot: it never dialed. It wraps the context's error.
type slotWaitError struct {
	addr  string // host:port, never with credentials
	slots int
	err   error
}

func (e *slotWaitError) Error() string {
	return fmt.Sprintf("waited for one of the %d handshakes in progress with %s to end: %v", e.slots, e.addr, e.err)
}

func (e *slotWaitError) Unwrap() error { return e.err }

func (b *budgets) join(e endpoint, slots int) *budget {
	b.mu.Lock()
	defer b.mu.Unlock()
	g := b.m[e]
	if g == nil {
		g = &budget{slots: make(chan struct{}, slots)}
		b.m[e] = g
	}
	g.users++
	return g
}

func (b *budgets) leave(e endpoint, g *budget) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if g.users--; g.users == 0 {
		delete(b.m, e)
	}
}
