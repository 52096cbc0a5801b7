//go:build js && wasm

package jsws

import (
	"context"
	"os"
	"sync"
	"syscall/js"
	"testing"
	"time"
	"unsafe"

	"github.com/tetherws/tether/transport"
)

// testHost is a Host written in Go for the test: what web/src/bridge.js does
// with a wasm export, it does with js.FuncOf.
type testHost struct {
	mu       sync.Mutex
	funcs    []js.Func
	attached int
	detached int
	sends    int
}

func (h *testHost) host() *Host {
	send := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ws, kind, addr, n := a[0], a[1].Int(), a[2].Int(), a[3].Int()
		if ws.Get("readyState").Int() != 1 {
			return -1
		}
		// addr is the address of the bytes Write was given, in a live Go
		// allocation (wasm addresses are offsets into the linear memory).
		p := unsafe.Slice((*byte)(unsafe.Add(nil, addr)), n)
		h.mu.Lock()
		h.sends++
		h.mu.Unlock()
		if kind == 1 {
			ws.Call("send", string(p))
		} else {
			u8 := js.Global().Get("Uint8Array").New(n)
			js.CopyBytesToJS(u8, p)
			ws.Call("send", u8)
		}
		return ws.Get("bufferedAmount")
	})
	h.funcs = append(h.funcs, send)
	return &Host{Attach: h.attach, Detach: h.detach, Send: send.Value}
}

func (h *testHost) attach(ws js.Value, c *Conn) {
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
	h.attached++
	h.funcs = append(h.funcs, onMessage)
	h.mu.Unlock()
	ws.Set("onmessage", onMessage)
}

func (h *testHost) detach(*Conn) {
	h.mu.Lock()
	h.detached++
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
	tc, err := (&Dialer{Host: h.host()}).Dial(ctx, base+"/echo", transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	echo(ctx, t, tc, transport.Text, "héllo")
	echo(ctx, t, tc, transport.Binary, "\x00\x01\xff")
	if err := tc.Close(transport.StatusNormalClosure, ""); err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.attached != 1 || h.detached != 1 || h.sends != 2 {
		t.Fatalf("attached %d, detached %d, sends %d; want 1, 1, 2", h.attached, h.detached, h.sends)
	}
	if err := tc.Write(ctx, transport.Text, []byte("late")); err == nil {
		t.Fatal("Write after Close succeeded")
	}
}

func echo(ctx context.Context, t *testing.T, c transport.Conn, typ transport.MessageType, msg string) {
	t.Helper()
	if err := c.Write(ctx, typ, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	gotTyp, got, err := c.Read(ctx)
	if err != nil || gotTyp != typ || string(got) != msg {
		t.Fatalf("Read = %v %q %v; want %v %q", gotTyp, got, err, typ, msg)
	}
}
