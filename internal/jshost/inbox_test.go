//go:build js && wasm

package jshost

import (
	"context"
	"errors"
	"syscall/js"
	"testing"

	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// fakeSocket is a JavaScript object whose close method records its arguments
// (and throws, when asked to, as a browser does for an illegal code).
type fakeSocket struct{ v js.Value }

func newFakeSocket(throw bool) fakeSocket {
	body := "this.code = code; this.reason = reason;"
	if throw {
		body += " throw new Error('boom');"
	}
	v := js.Global().Get("Object").New()
	v.Set("close", js.Global().Get("Function").New("code", "reason", body))
	return fakeSocket{v}
}

func (s fakeSocket) closed() (int, string) {
	if s.v.Get("code").IsUndefined() {
		return 0, ""
	}
	return s.v.Get("code").Int(), s.v.Get("reason").String()
}

func TestInboxKeepsOrderThenFails(t *testing.T) {
	var in Inbox
	in.Init(newFakeSocket(false).v, 0)
	in.Deliver(transport.Text, []byte("a"))
	in.Deliver(transport.Binary, []byte{1, 2})
	in.Fail(wserr.ErrClosed)
	in.Fail(errors.New("later")) // the first error wins
	in.Deliver(transport.Text, []byte("dropped"))
	ctx := context.Background()
	for _, want := range []transport.Message{transport.TextMessage("a"), transport.BinaryMessage([]byte{1, 2})} {
		m, err := in.Pop(ctx)
		if err != nil || m.Type != want.Type || string(m.Data) != string(want.Data) {
			t.Fatalf("Pop = %v %q %v; want %v %q", m.Type, m.Data, err, want.Type, want.Data)
		}
	}
	for range 2 {
		if _, err := in.Pop(ctx); !errors.Is(err, wserr.ErrClosed) {
			t.Fatalf("Pop after the messages = %v; want ErrClosed", err)
		}
	}
}

func TestInboxPopEndsWithContextTakingNothing(t *testing.T) {
	var in Inbox
	in.Init(newFakeSocket(false).v, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := in.Pop(ctx); err != context.Canceled {
		t.Fatalf("Pop with an ended context = %v; want context.Canceled", err)
	}
	in.Deliver(transport.Text, []byte("x"))
	if m, err := in.Pop(context.Background()); err != nil || m.Text() != "x" {
		t.Fatalf("Pop = %q %v; want x", m.Data, err)
	}
}

func TestInboxReadLimitFailsWith1009(t *testing.T) {
	for _, throw := range []bool{false, true} {
		s := newFakeSocket(throw)
		var in Inbox
		in.Init(s.v, 3)
		in.Deliver(transport.Binary, []byte("abc")) // at the limit: kept
		in.Deliver(transport.Binary, []byte("abcd"))
		if code, reason := s.closed(); code != transport.StatusMessageTooBig || reason != "message too big" {
			t.Fatalf("close(%d, %q); want 1009", code, reason)
		}
		if m, err := in.Pop(context.Background()); err != nil || m.Text() != "abc" {
			t.Fatalf("Pop = %q %v; want abc", m.Data, err)
		}
		_, err := in.Pop(context.Background())
		var ce *transport.CloseError
		if !errors.Is(err, wserr.ErrMessageTooBig) || !errors.As(err, &ce) || ce.Code != transport.StatusMessageTooBig {
			t.Fatalf("Pop after an oversized message = %v; want ErrMessageTooBig and close 1009", err)
		}
	}
}

func TestInboxNoLimit(t *testing.T) {
	var in Inbox
	in.Init(newFakeSocket(false).v, -1)
	in.Deliver(transport.Binary, make([]byte, 1<<10))
	if m, err := in.Pop(context.Background()); err != nil || len(m.Data) != 1<<10 {
		t.Fatalf("Pop = %d bytes, %v", len(m.Data), err)
	}
}

func TestCatch(t *testing.T) {
	throw := js.Global().Get("Function").New("throw new Error('boom')")
	err := Catch(func() { throw.Invoke() })
	if err == nil || err.Error() != "tether: javascript: boom" {
		t.Fatalf("Catch = %v", err)
	}
	defer func() {
		if r := recover(); r != "go panic" {
			t.Fatalf("recovered %v; want the Go panic to go on", r)
		}
	}()
	_ = Catch(func() { panic("go panic") })
}
