package sdk

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// outage holds a client's second connection attempt in BeforeDial until the
// test releases it, so the test can act while the client is certainly not
// open. The first connection is closed by the server with 1012 (service
// restart) after 50 ms; attempts from the second on go to /echo.
type outage struct {
	entered chan struct{}
	release chan struct{}
}

// newOutage installs the hold on o and returns it with the URL to dial.
func newOutage(o *Options, base string) (*outage, string) {
	h := &outage{entered: make(chan struct{}, 1), release: make(chan struct{})}
	o.BeforeDial = func(ctx context.Context, attempt int, p DialParams) (DialParams, error) {
		if attempt == 1 {
			return p, nil
		}
		if attempt == 2 {
			h.entered <- struct{}{}
			select {
			case <-h.release:
			case <-ctx.Done():
				return p, ctx.Err()
			}
		}
		p.URL = base + "/echo"
		return p, nil
	}
	return h, base + "/chaos?close_after=50&code=1012"
}

// wait blocks until the client is held between its connections.
func (h *outage) wait(t *testing.T) {
	t.Helper()
	select {
	case <-h.entered:
	case <-testCtx(t).Done():
		t.Fatal("the client never attempted to reconnect")
	}
}

// expectTexts receives len(want) messages and checks them in order; a first
// message equal to skip is ignored (an echo from the first connection).
func expectTexts(t *testing.T, c *Client, skip string, want ...string) {
	t.Helper()
	var got []string
	for len(got) < len(want) {
		s := mustReceive(t, c).Text()
		if len(got) == 0 && s == skip {
			continue
		}
		got = append(got, s)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("received %q, want %q", got, want)
	}
}

// TestOutboxOrderAcrossReconnect: messages given to Enqueue and Send while the
// client is between connections arrive on the next one in order, after what
// AfterOpen sent. Runs in browsers too (no fault proxy needed).
func TestOutboxOrderAcrossReconnect(t *testing.T) {
	o := fastReconnect()
	var opens atomic.Int32
	o.AfterOpen = func(ctx context.Context, send func(context.Context, transport.Message) error) error {
		return send(ctx, transport.TextMessage(fmt.Sprint("auth-", opens.Add(1))))
	}
	hold, u := newOutage(o, testServerURL(t))
	c := dialT(t, u, o)
	hold.wait(t)
	want := []string{"auth-2"}
	for i := range 5 {
		m := fmt.Sprint("queued-", i)
		if err := c.Enqueue(transport.TextMessage(m)); err != nil {
			t.Fatal(err)
		}
		want = append(want, m)
	}
	expired, cancel := context.WithTimeout(testCtx(t), 20*time.Millisecond)
	defer cancel()
	if err := c.Send(expired, transport.TextMessage("expired")); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Send with a context ending during the outage: %v, want DeadlineExceeded", err)
	}
	sent := make(chan error, 1)
	go func() { sent <- c.Send(testCtx(t), transport.TextMessage("sent")) }()
	close(hold.release)
	expectTexts(t, c, "auth-1", append(want, "sent")...)
	if err := <-sent; err != nil {
		t.Fatalf("Send during the outage: %v", err)
	}
}

// TestOutboxOverflowAcrossReconnect: with room for two messages, a third one
// given during the outage is reported with its exact content, and the two
// kept are delivered after the reconnect, in order.
func TestOutboxOverflowAcrossReconnect(t *testing.T) {
	for _, tt := range []struct {
		name     string
		policy   OverflowPolicy
		reported string
		kept     []string
	}{
		{"reject", OverflowReject, "c", []string{"a", "b"}},
		{"drop oldest", OverflowDropOldest, "a", []string{"b", "c"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecorder()
			o := rec.attach(fastReconnect())
			o.Outbox = OutboxOptions{MaxMessages: 2, Overflow: tt.policy}
			hold, u := newOutage(o, testServerURL(t))
			c := dialT(t, u, o)
			hold.wait(t)
			var refused error
			for _, s := range []string{"a", "b", "c"} {
				if err := c.Enqueue(transport.TextMessage(s)); err != nil {
					refused = err
				}
			}
			checkOverflow(t, rec, refused, tt.policy, tt.reported)
			close(hold.release)
			expectTexts(t, c, "", tt.kept...)
			if err := c.Send(testCtx(t), transport.TextMessage("end")); err != nil {
				t.Fatal(err)
			}
			expectTexts(t, c, "", "end")
		})
	}
}

// checkOverflow checks how the message that did not fit was handed back: as
// Enqueue's error (reject) or as an UnsentEvent (drop oldest).
func checkOverflow(t *testing.T, rec *recorder, refused error, p OverflowPolicy, want string) {
	t.Helper()
	if p == OverflowReject {
		if !errors.Is(refused, ErrOutboxFull) || refused != errOutboxRefused {
			t.Fatalf("Enqueue error %v, want ErrOutboxFull refusing %q", refused, want)
		}
		return
	}
	if refused != nil {
		t.Fatalf("Enqueue with OverflowDropOldest: %v", refused)
	}
	u := rec.waitFor(t, "the dropped message", func(e any) bool { _, ok := e.(UnsentEvent); return ok }).(UnsentEvent)
	if len(u.Messages) != 1 || u.Messages[0].Text() != want || !errors.Is(u.Err, ErrOutboxFull) || u.Err != errOutboxDropped {
		t.Fatalf("UnsentEvent %+v, want exactly %q dropped", u, want)
	}
}
