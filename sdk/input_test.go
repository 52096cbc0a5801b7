package sdk

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/tetherws/tether/transport"
)

func TestDialRejectsBadURL(t *testing.T) {
	cases := []struct{ name, url string }{
		{"empty", ""},
		{"blank", "   "},
		{"no scheme", "example.com/echo"},
		{"ftp", "ftp://example.com/"},
		{"no host", "ws:///echo"},
		{"unparsable", "ws://[::1"},
		{"control char", "ws://h/\x7f"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Dial(testCtx(t), c.url, nil)
			if !errors.Is(err, ErrInvalidURL) {
				t.Fatalf("Dial(%q) error = %v, want ErrInvalidURL", c.url, err)
			}
		})
	}
}

func TestDialURLNeverLeaksCredentials(t *testing.T) {
	_, err := Dial(testCtx(t), "ftp://user:hunter2@h/?token=s3cret", nil)
	if err == nil || strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error leaks credentials or is nil: %v", err)
	}
}

func TestNormalizeURLMapsHTTP(t *testing.T) {
	for in, want := range map[string]string{
		"http://h/x":    "ws://h/x",
		"HTTPS://h/x":   "wss://h/x",
		"ws://h/x#frag": "ws://h/x",
		"wss://h:443/":  "wss://h:443/",
	} {
		got, err := normalizeURL(in)
		if err != nil || got != want {
			t.Errorf("normalizeURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestDialHTTPSchemeConnects(t *testing.T) {
	base := testServerURL(t)
	c := dialT(t, "http"+strings.TrimPrefix(base, "ws")+"/echo", nil)
	if c.State() != Open {
		t.Fatalf("State = %v", c.State())
	}
}

func TestDialRejectsBadOptions(t *testing.T) {
	bad := []*Options{
		{HandshakeTimeout: -1},
		{ReceiveBuffer: -1},
		{Outbox: OutboxOptions{MaxMessages: -1}},
		{Outbox: OutboxOptions{Overflow: 7}},
		{Subprotocols: []string{"a b"}},
		{Subprotocols: []string{"chat", "chat"}},
		{Subprotocols: []string{""}},
	}
	for i, o := range bad {
		if _, err := Dial(testCtx(t), "ws://127.0.0.1:1/", o); err == nil {
			t.Errorf("case %d: Dial accepted bad options", i)
		}
	}
}

func TestDialCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Dial(ctx, testServerURL(t)+"/echo", nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestSendRejectsBadMessages(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	ctx := testCtx(t)
	if err := c.Send(ctx, transport.TextMessage("bad \xff utf8")); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("invalid UTF-8: %v", err)
	}
	if err := c.Send(ctx, transport.Message{Type: 9}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad type: %v", err)
	}
	if err := c.Enqueue(transport.Message{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("zero message: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := c.Send(cancelled, transport.TextMessage("x")); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled send: %v", err)
	}
	if _, err := c.Receive(cancelled); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled receive: %v", err)
	}
	if err := c.Send(ctx, transport.TextMessage("still works")); err != nil {
		t.Fatal(err)
	}
	if m := mustReceive(t, c); m.Text() != "still works" {
		t.Fatalf("got %q", m.Data)
	}
}

func TestCloseArguments(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	for _, code := range []int{0, 999, 1004, 1005, 1006, 1015, 2999, 5000} {
		if err := c.CloseWithStatus(code, ""); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("code %d: %v", code, err)
		}
	}
	if err := c.CloseWithStatus(1000, strings.Repeat("x", 124)); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("long reason: %v", err)
	}
	if err := c.CloseWithStatus(1000, "\xff"); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("bad reason: %v", err)
	}
	if c.State() != Open {
		t.Fatalf("a rejected close changed the state to %v", c.State())
	}
	if err := c.CloseWithStatus(4000, strings.Repeat("y", 123)); err != nil {
		t.Fatal(err)
	}
}

func TestCloseIdempotentAndAfter(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if c.State() != Closed {
		t.Fatalf("State = %v", c.State())
	}
	ctx := testCtx(t)
	if err := c.Send(ctx, transport.TextMessage("x")); !errors.Is(err, ErrClosed) {
		t.Errorf("Send after Close: %v", err)
	}
	if err := c.Enqueue(transport.TextMessage("x")); !errors.Is(err, ErrClosed) {
		t.Errorf("Enqueue after Close: %v", err)
	}
	if _, err := c.Receive(ctx); !errors.Is(err, ErrClosed) {
		t.Errorf("Receive after Close: %v", err)
	}
}

func TestCloseConcurrentWithSendAndReceive(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	ctx := testCtx(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for c.Send(ctx, transport.TextMessage("spam")) == nil {
			}
		}()
		go func() {
			defer wg.Done()
			for {
				if _, err := c.Receive(ctx); err != nil {
					return
				}
			}
		}()
	}
	for i := 0; i < 3; i++ {
		go c.Close()
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
}
