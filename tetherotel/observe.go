package tetherotel

import (
	"context"
	"sync"

	"github.com/tetherws/tether/sdk"
	"go.opentelemetry.io/otel/metric"
)

// Observe adds c to the clients whose message and byte counts
// (Client.Stats) and buffered bytes (Client.BufferedAmount) the observable
// instruments report, summed over every observed client. It starts no
// goroutine: the counts are read when the meter provider's reader collects.
//
// A closed client's final counts are kept in the totals and the client is
// let go at the next collection after it closed, so the totals never go
// down. stop lets go of c earlier, keeping its counts so far; it is
// idempotent. Observing a client twice counts it once. c must not be nil.
func (i *Instrumenter) Observe(c *sdk.Client) (stop func()) {
	i.fleet.add(c)
	return func() { i.fleet.remove(c) }
}

// fleet holds the observed clients and the counts of those let go.
type fleet struct {
	mu      sync.Mutex
	clients map[*sdk.Client]struct{}
	retired sdk.Stats // counts of the clients let go
}

func (f *fleet) init() { f.clients = make(map[*sdk.Client]struct{}) }

func (f *fleet) add(c *sdk.Client) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.clients[c] = struct{}{}
}

func (f *fleet) remove(c *sdk.Client) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.retire(c)
}

// retire folds c's counts into the retired totals and lets go of c; f.mu is held.
func (f *fleet) retire(c *sdk.Client) {
	if _, ok := f.clients[c]; !ok {
		return
	}
	delete(f.clients, c)
	f.retired = addStats(f.retired, c.Stats())
}

// observe returns the callback of the observable instruments.
func (f *fleet) observe(ins *instruments) metric.Callback {
	return func(_ context.Context, o metric.Observer) error {
		total, buffered := f.totals()
		o.ObserveInt64(ins.buffered, buffered)
		o.ObserveInt64(ins.messages, int64(total.MessagesSent), optTransmit)
		o.ObserveInt64(ins.messages, int64(total.MessagesReceived), optReceive)
		o.ObserveInt64(ins.io, int64(total.BytesSent), optTransmit)
		o.ObserveInt64(ins.io, int64(total.BytesReceived), optReceive)
		return nil
	}
}

// totals sums the counts of every client, observed or let go, and the
// buffered bytes of the open ones; it lets go of the clients that closed.
func (f *fleet) totals() (total sdk.Stats, buffered int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.clients {
		if closed(c) { // its goroutines have stopped: its counts are final
			f.retire(c)
			continue
		}
		total = addStats(total, c.Stats())
		buffered += c.BufferedAmount()
	}
	return addStats(total, f.retired), buffered
}

func closed(c *sdk.Client) bool {
	select {
	case <-c.Done():
		return true
	default:
		return false
	}
}

func addStats(a, b sdk.Stats) sdk.Stats {
	return sdk.Stats{
		MessagesSent: a.MessagesSent + b.MessagesSent, BytesSent: a.BytesSent + b.BytesSent,
		MessagesReceived: a.MessagesReceived + b.MessagesReceived, BytesReceived: a.BytesReceived + b.BytesReceived,
	}
}
