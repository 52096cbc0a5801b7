//go:build !js

package native

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/tetherws/tether/transport"
)

// users reports how many handshakes with e hold or wait for a slot.
func (b *budgets) users(e endpoint) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if g := b.m[e]; g != nil {
		return g.users
	}
	return 0
}

// expectNoBudgets checks that b keeps no endpoint once every handshake ended.
func expectNoBudgets(t *testing.T, b *budgets) {
	t.Helper()
	if n := len(b.m); n != 0 {
		t.Fatalf("%d endpoints kept after every handshake ended; want none", n)
	}
}

func TestBudgetWaitsForASlot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBudgets()
		e := endpoint{addr: "example.test:80"}
		ctx := context.Background()
		r1, err1 := b.acquire(ctx, e, 2)
		r2, err2 := b.acquire(ctx, e, 2)
		if err1 != nil || err2 != nil {
			t.Fatalf("the first two of 2 slots: %v, %v", err1, err2)
		}
		var r3 func()
		go func() { r3, _ = b.acquire(ctx, e, 2) }()
		synctest.Wait()
		if r3 != nil {
			t.Fatal("a third handshake got a slot while 2 of 2 were in progress")
		}
		r1()
		synctest.Wait()
		if r3 == nil {
			t.Fatal("the waiting handshake got no slot when one was given back")
		}
		r2()
		r3()
		expectNoBudgets(t, b)
	})
}

func TestBudgetWaitEndsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBudgets()
		e := endpoint{addr: "example.test:80"}
		release, err := b.acquire(context.Background(), e, 1)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		_, err = b.acquire(ctx, e, 1)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("waiting past the context's deadline: %v; want context.DeadlineExceeded", err)
		}
		if want := "waited for one of the 1 handshakes in progress with example.test:80 to end: context deadline exceeded"; err.Error() != want {
			t.Fatalf("error = %q, want %q", err, want)
		}
		if waited := time.Since(start); waited != 10*time.Second {
			t.Fatalf("waited %s for a slot; want the context's 10s", waited)
		}
		if n := b.users(e); n != 1 {
			t.Fatalf("%d users after the wait ended; want the 1 in progress", n)
		}
		release()
		expectNoBudgets(t, b)
	})
}

func TestBudgetPerTransportAndAddress(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBudgets()
		tr1, tr2 := &http.Transport{}, &http.Transport{}
		ctx := context.Background()
		for _, e := range []endpoint{{tr1, "a.test:80"}, {tr1, "b.test:80"}, {tr2, "a.test:80"}} {
			if _, err := b.acquire(ctx, e, 1); err != nil {
				t.Fatalf("%v: %v", e, err)
			}
		}
		if n := len(b.m); n != 3 {
			t.Fatalf("%d budgets for 3 endpoints; want 3", n)
		}
	})
}

func TestHandshakeSlots(t *testing.T) {
	if n := handshakeSlots(&http.Transport{}); n != defaultHandshakeSlots {
		t.Errorf("slots with MaxConnsPerHost unset = %d, want %d", n, defaultHandshakeSlots)
	}
	if n := handshakeSlots(&http.Transport{MaxConnsPerHost: 3}); n != 3 {
		t.Errorf("slots with MaxConnsPerHost 3 = %d, want 3", n)
	}
}

// With MaxConnsPerHost 2, a third handshake to a server that answers none
// waits for a slot without connecting, and connects once an attempt in
// progress gives up.
func TestDirectHandshakeWaitsForASlot(t *testing.T) {
	accepted := make(chan net.Conn, 4) // requests read, never answered
	addr := handshakeListener(t, func(conn net.Conn, _ *http.Request) {
		accepted <- conn
		<-t.Context().Done()
	})
	tr := &http.Transport{MaxConnsPerHost: 2}
	url := "ws://" + addr + "/"
	e := endpoint{tr: tr, addr: addr}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	first, cancelFirst := context.WithCancel(ctx)
	errs := make(chan error, 3)
	dial := func(c context.Context) {
		go func() {
			_, err := dialWith(c, tr, url)
			errs <- err
		}()
	}
	connected := func(which string) {
		select {
		case <-accepted:
		case <-ctx.Done():
			t.Fatalf("the %s handshake never connected", which)
		}
	}
	dial(first) // the first two connect, one after the other
	connected("first")
	dial(ctx)
	connected("second")
	short, cancelShort := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancelShort()
	_, err := dialWith(short, tr, url) // no slot comes free: it never dials
	var ne *transport.NetworkError
	if !errors.As(err, &ne) || !errors.Is(err, context.DeadlineExceeded) ||
		!strings.Contains(err.Error(), "one of the 2 handshakes in progress with "+addr) {
		t.Fatalf("a dial that found no slot in time: %v; want a NetworkError saying it waited for one, wrapping context.DeadlineExceeded", err)
	}
	dial(ctx)
	for handshakes.users(e) != 3 { // an event to wait for, not a timing
		if ctx.Err() != nil {
			t.Fatal("the third handshake never waited for a slot")
		}
		time.Sleep(time.Millisecond)
	}
	select {
	case <-accepted:
		t.Fatal("the third handshake connected while 2 of 2 were in progress")
	default:
	}
	cancelFirst()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Fatalf("the canceled handshake: %v; want context.Canceled", err)
	}
	connected("waiting") // a slot came free
	cancel()
	for range 2 {
		<-errs
	}
	if n := handshakes.users(e); n != 0 {
		t.Fatalf("%d handshakes still hold slots after every dial returned", n)
	}
}
