//go:build !js

package main

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetherws/tether/sdk"
)

// fleet is N sdk clients, each with a goroutine blocked in Receive, and what
// their events tell about the storm.
type fleet struct {
	n       int
	clients []*sdk.Client
	readers sync.WaitGroup

	dropAt atomic.Int64 // UnixNano of the drop; 0 before it
	ending atomic.Bool  // set before Close: a closed client is no longer lost
	back   atomic.Int64 // clients open again since the drop
	lost   atomic.Int64 // clients that closed on their own
	backAt atomic.Int64 // ns from the drop until all were back

	settled    chan struct{} // closed once every client is back or lost
	settleOnce sync.Once
	mu         sync.Mutex
	times      stormTimes
}

// stormTimes are the clients' view of the storm, each since the drop.
type stormTimes struct {
	opens   []time.Duration // every reconnect open
	noticed []time.Duration // each client's first ReconnectingEvent: it saw the loss
	planned []time.Duration // noticed plus that event's Delay: when it meant to retry
}

// newFleet returns a fleet of n clients, none open yet.
func newFleet(n int) *fleet {
	return &fleet{n: n, clients: make([]*sdk.Client, n), settled: make(chan struct{})}
}

// options returns a client's options: the defaults, events to f, and with
// noJitter Reconnect.Jitter = -1.
func (f *fleet) options(noJitter bool) *sdk.Options {
	o := &sdk.Options{OnEvent: f.onEvent()}
	if noJitter {
		o.Reconnect.Jitter = -1
	}
	return o
}

// onEvent returns one client's event handler. A client's events arrive in
// order on one goroutine, so open needs no lock.
func (f *fleet) onEvent() func(sdk.Event) {
	open := false    // a reconnect opened and has not closed since
	noticed := false // a ReconnectingEvent came after the drop
	return func(ev sdk.Event) {
		switch e := ev.(type) {
		case sdk.ReconnectingEvent:
			if !noticed && f.dropAt.Load() != 0 {
				noticed = true
				f.lossNoticed(e.Delay)
			}
		case sdk.OpenEvent:
			if e.Reconnect {
				open = true
				f.reopened()
			}
		case sdk.CloseEvent:
			if open {
				open = false
				f.back.Add(-1)
			}
		case sdk.StateChangeEvent:
			if e.To == sdk.Closed && !f.ending.Load() {
				f.lost.Add(1)
				f.checkSettled()
			}
		}
	}
}

// reopened counts a reconnect open, and records its time after the drop.
func (f *fleet) reopened() {
	drop := f.dropAt.Load()
	if drop == 0 {
		f.back.Add(1)
		return
	}
	at := f.sinceDrop()
	f.mu.Lock()
	f.times.opens = append(f.times.opens, at)
	f.mu.Unlock()
	if f.back.Add(1) == int64(f.n) {
		f.backAt.CompareAndSwap(0, int64(at))
	}
	f.checkSettled()
}

// lossNoticed records a client's first reconnect delay after the drop.
func (f *fleet) lossNoticed(delay time.Duration) {
	at := f.sinceDrop()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.times.noticed = append(f.times.noticed, at)
	f.times.planned = append(f.times.planned, at+delay)
}

// sinceDrop is the time since the drop.
func (f *fleet) sinceDrop() time.Duration {
	return time.Duration(time.Now().UnixNano() - f.dropAt.Load())
}

// checkSettled closes settled once every client is back or lost.
func (f *fleet) checkSettled() {
	if f.back.Load()+f.lost.Load() >= int64(f.n) {
		f.settleOnce.Do(func() { close(f.settled) })
	}
}

// stormTimes returns a copy of what the clients saw since the drop.
func (f *fleet) stormTimes() stormTimes {
	f.mu.Lock()
	defer f.mu.Unlock()
	return stormTimes{opens: slices.Clone(f.times.opens), noticed: slices.Clone(f.times.noticed),
		planned: slices.Clone(f.times.planned)}
}

// open dials the n clients, fleetDialers at a time, and starts each one's
// reader. It stops at the first failed dial; the caller closes f either way.
func (f *fleet) open(ctx context.Context, urlOf func(int) string, noJitter bool) error {
	var next atomic.Int64
	var failed atomic.Bool
	errs := make(chan error, fleetDialers)
	var wg sync.WaitGroup
	for range fleetDialers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < f.n && !failed.Load(); i = int(next.Add(1) - 1) {
				c, err := sdk.Dial(ctx, urlOf(i), f.options(noJitter))
				if err != nil {
					failed.Store(true)
					errs <- fmt.Errorf("dial of client %d failed: %w", i+1, err)
					return
				}
				f.clients[i] = c
				f.readers.Go(func() { receiveAll(c) })
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// receiveAll is an idle application: it waits in Receive until the client
// is closed.
func receiveAll(c *sdk.Client) {
	for {
		if _, err := c.Receive(context.Background()); err != nil {
			return
		}
	}
}

// close closes every client, fleetDialers at a time, and waits for the readers.
func (f *fleet) close() {
	f.ending.Store(true)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range fleetDialers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < f.n; i = int(next.Add(1) - 1) {
				if c := f.clients[i]; c != nil {
					_ = c.Close()
				}
			}
		})
	}
	wg.Wait()
	f.readers.Wait()
}

// openNow counts the clients in state Open.
func (f *fleet) openNow() int {
	n := 0
	for _, c := range f.clients {
		if c != nil && c.State() == sdk.Open {
			n++
		}
	}
	return n
}
