//go:build js && wasm

package jsws

import (
	"context"
	"os"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/jshost"
	"github.com/tetherws/tether/transport"
)

// testHost is a jshost.Host written in Go for the test: what web/src/bridge.js
// does with a wasm export, it does with js.FuncOf.
type testHost struct {
	mu         sync.Mutex
	funcs      []js.Func
	attached   int
	detached   int
	sends      int
	lastHandle int32
	inbox      *jshost.Inbox   // what Attach was given
	closed     <-chan struct{} // what Attach was given
	detachedOK bool            // Detach was given Attach's inbox
}

func (h *testHost) host() *jshost.Host {
	return &jshost.Host{Attach: h.attach, Detach: h.detach, Send: h.send}
}

func (h *testHost) send(handle int32, ws js.Value, typ transport.MessageType, p []byte) (int64, bool) {
	if ws.Get("readyState").Int() != 1 {
		return 0, false
	}
	h.mu.Lock()
	h.sends++
	h.lastHandle = handle
	h.mu.Unlock()
	if typ == transport.Text {
		ws.Call("send", string(p))
	} else {
		u8 := js.Global().Get("Uint8Array").New(len(p))
		js.CopyBytesToJS(u8, p)
		ws.Call("send", u8)
	}
	return int64(ws.Get("bufferedAmount").Int()), true
}

func (h *testHost) attach(ws js.Value, c *jshost.Inbox, closed <-chan struct{}) int32 {
	onMessage := js.FuncOf(func(_ js.Value, a []js.Value) any {
		data := a[0].Get("data")
		if data.Type() == js.TypeString {
			c.Deliver(transport.Text, []byte(data.String()))
		} else {
			c.Deliver(transport.Binary, copyBytes(data))
		}
		return nil
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.attached++
	h.inbox, h.closed = c, closed
	h.funcs = append(h.funcs, onMessage)
	ws.Set("onmessage", onMessage)
	return testHandleBase + int32(h.attached)
}

// testHandleBase makes the handles Attach returns recognisable in Send.
const testHandleBase = 40

func (h *testHost) detach(in *jshost.Inbox) {
	h.mu.Lock()
	h.detached++
	h.detachedOK = in == h.inbox
	h.mu.Unlock()
}

func TestHostCarriesMessages(t *testing.T) {
	base := os.Getenv("TETHER_TEST_SERVER")
	if base == "" {
		t.Skip("TETHER_TEST_SERVER not set: run through the tests module's wasm runner")
	}
	h := &testHost{}
	defer func() {
		for _, f := range h.funcs {
			f.Release()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	tc, err := jshost.NewDialer(h.host()).Dial(ctx, base+"/echo", transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	echo(ctx, t, tc, transport.Text, "héllo")
	echo(ctx, t, tc, transport.Binary, "\x00\x01\xff")
	q := tc.(transport.Queued)
	if ok, err := q.TryWrite(transport.TextMessage("now")); !ok || err != nil {
		t.Fatalf("TryWrite on an idle open socket = %v, %v; want true, nil", ok, err)
	}
	if m, err := tc.Read(ctx); err != nil || m.Type != transport.Text || m.Text() != "now" {
		t.Fatalf("Read after TryWrite = %v %q %v", m.Type, m.Data, err)
	}
	if err := tc.Close(transport.StatusNormalClosure, ""); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.attached != 1 || h.detached != 1 || h.sends != 3 || h.lastHandle != testHandleBase+1 {
		t.Fatalf("attached %d, detached %d, sends %d, handle %d; want 1, 1, 3, %d", h.attached, h.detached, h.sends, h.lastHandle, testHandleBase+1)
	}
	if !h.detachedOK {
		t.Fatal("Detach was not given the inbox Attach was given")
	}
	select {
	case <-h.closed:
	default:
		t.Fatal("the closed channel Attach was given is open after a clean Close")
	}
	if err := tc.Write(ctx, transport.TextMessage("late")); err == nil {
		t.Fatal("Write after Close succeeded")
	}
	if ok, err := q.TryWrite(transport.TextMessage("late")); ok || err == nil {
		t.Fatalf("TryWrite after Close = %v, %v; want false and an error", ok, err)
	}
}

func echo(ctx context.Context, t *testing.T, c transport.Conn, typ transport.MessageType, msg string) {
	t.Helper()
	if err := c.Write(ctx, transport.Message{Type: typ, Data: []byte(msg)}); err != nil {
		t.Fatal(err)
	}
	m, err := c.Read(ctx)
	if err != nil || m.Type != typ || m.Text() != msg {
		t.Fatalf("Read = %v %q %v; want %v %q", m.Type, m.Data, err, typ, msg)
	}
}
