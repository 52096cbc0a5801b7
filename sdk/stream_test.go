package sdk

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/tetherws/tether/transport"
)

// streamOf collects Next's events until the stream ends, with a bound.
func streamOf(t *testing.T, c *Client, stop func(ev Event) bool) []Event {
	t.Helper()
	var out []Event
	for {
		ev, err := c.Next(testCtx(t))
		if err != nil {
			if !errors.Is(err, ErrClosed) {
				t.Fatalf("Next: %v; want the end of the stream (ErrClosed)", err)
			}
			return out
		}
		out = append(out, ev)
		if stop != nil && stop(ev) {
			return out
		}
	}
}

func TestNewQueuesUntilTheFirstOpen(t *testing.T) {
	o := &Options{}
	o.Reconnect.Disabled = true
	c, err := New(testServerURL(t)+"/echo", o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	for _, s := range []string{"one", "two", "three"} {
		if err := c.Enqueue(transport.TextMessage(s)); err != nil {
			t.Fatalf("Enqueue(%q): %v", s, err)
		}
	}
	if err := c.Send(testCtx(t), transport.TextMessage("four")); err != nil {
		t.Fatalf("SendText: %v", err)
	}
	for _, want := range []string{"one", "two", "three", "four"} {
		if got := mustReceive(t, c).Text(); got != want {
			t.Fatalf("received %q; want %q (queued messages go first, in order)", got, want)
		}
	}
}

func TestNewFirstAttemptFailureClosesTheClientAndHandsBack(t *testing.T) {
	unsent := make(chan UnsentEvent, 1)
	o := &Options{OnEvent: on(func(ev UnsentEvent) { unsent <- ev })}
	c, err := New(testServerURL(t)+"/reject?status=401", o)
	if err != nil {
		t.Fatalf("New: %v (it must not touch the network)", err)
	}
	if err := c.Enqueue(transport.TextMessage("queued")); err != nil && !errors.Is(err, ErrClosed) {
		t.Fatalf("Enqueue: %v", err)
	}
	select {
	case <-c.Done():
	case <-testCtx(t).Done():
		t.Fatal("client still running after its only attempt failed")
	}
	err = c.Err()
	if !errors.Is(err, ErrClosed) {
		t.Fatalf("Err() = %v; want ErrClosed", err)
	}
	var he *transport.HandshakeError
	if runtime.GOOS != "js" && (!errors.As(err, &he) || he.Status != 401) {
		t.Fatalf("Err() = %v; want it to keep the cause (*transport.HandshakeError 401)", err)
	}
	if len(c.Unsent()) == 1 { // Enqueue won the race with the failure
		ev := <-unsent
		if len(ev.Messages) != 1 || ev.Messages[0].Text() != "queued" || !errors.Is(ev.Err, ErrClosed) {
			t.Fatalf("UnsentEvent = %+v; want the queued message with ErrClosed", ev)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatalf("Close after the client ended: %v", err)
	}
}

func TestDialKeepsTheFirstAttemptsCause(t *testing.T) {
	_, err := Dial(testCtx(t), testServerURL(t)+"/reject?status=401", nil)
	if err == nil {
		t.Fatal("Dial succeeded against a 401")
	}
	var he *transport.HandshakeError
	if runtime.GOOS != "js" && (!errors.As(err, &he) || he.Status != 401) {
		t.Fatalf("Dial: %v; want the *transport.HandshakeError 401 itself", err)
	}
}

func TestNewWithoutURLTakesBeforeDials(t *testing.T) {
	base := testServerURL(t)
	if _, err := New("", nil); !errors.Is(err, ErrInvalidURL) {
		t.Fatalf(`New("", nil) = %v; want ErrInvalidURL`, err)
	}
	o := noReconnect()
	o.BeforeDial = func(_ context.Context, attempt int, p DialParams) (DialParams, error) {
		if p.URL != "" {
			return p, fmt.Errorf("attempt %d got URL %q; want \"\"", attempt, p.URL)
		}
		p.URL = base + "/echo"
		return p, nil
	}
	c := dialT(t, "", o)
	if err := c.Send(testCtx(t), transport.TextMessage("hi")); err != nil {
		t.Fatalf("SendText: %v", err)
	}
	if got := mustReceive(t, c).Text(); got != "hi" {
		t.Fatalf("echo = %q", got)
	}
}

func TestNextOrdersMessagesAndLifecycle(t *testing.T) {
	base, key := testServerURL(t), "stream-order"
	o := fastReconnect()
	o.StreamEvents = true
	c, err := New(base+"/echo?key="+key, o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	_ = c.Enqueue(transport.TextMessage("first"))
	evs := streamOf(t, c, func(ev Event) bool { m, ok := ev.(transport.Message); return ok && m.Text() == "first" })
	if err := c.Flush(testCtx(t)); err != nil { // else "first" is re-sent after the drop
		t.Fatalf("Flush: %v", err)
	}
	serverAct(t, base, "drop", key, "")
	evs = append(evs, streamOf(t, c, func(ev Event) bool { o, ok := ev.(OpenEvent); return ok && o.Reconnect })...)
	_ = c.Enqueue(transport.TextMessage("second"))
	evs = append(evs, streamOf(t, c, func(ev Event) bool { m, ok := ev.(transport.Message); return ok && m.Text() == "second" })...)
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	evs = append(evs, streamOf(t, c, nil)...)
	want := []string{"Connecting", "Open", "message first", "Close(final=false)", "Reconnecting",
		"Connecting", "Open(reconnect)", "message second", "Close(final=true)", "Closed"}
	if got := milestones(evs); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("stream = %v\nwant    %v", got, want)
	}
	if _, err := c.Next(testCtx(t)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Next after the end: %v; want ErrClosed", err)
	}
}

// milestones names the events of a stream that a facade translates,
// leaving out state changes other than to Closed.
func milestones(evs []Event) []string {
	var out []string
	for _, ev := range evs {
		switch e := ev.(type) {
		case transport.Message:
			out = append(out, "message "+e.Text())
		case ConnectingEvent:
			out = append(out, "Connecting")
		case OpenEvent:
			out = append(out, map[bool]string{false: "Open", true: "Open(reconnect)"}[e.Reconnect])
		case CloseEvent:
			out = append(out, fmt.Sprintf("Close(final=%v)", e.Final))
		case ReconnectingEvent:
			out = append(out, "Reconnecting")
		case StateChangeEvent:
			if e.To == Closed {
				out = append(out, "Closed")
			}
		}
	}
	return out
}

func TestNextPollsWithAnEndedContext(t *testing.T) {
	o := noReconnect()
	o.StreamEvents = true
	c := dialT(t, testServerURL(t)+"/echo", o)
	streamOf(t, c, func(ev Event) bool { _, ok := ev.(OpenEvent); return ok }) // Dial may return before it is recorded
	ended, cancel := context.WithCancel(context.Background())
	cancel()
	for {
		ev, err := c.Next(ended)
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("poll: %v; want context.Canceled once nothing is ready", err)
			}
			break
		}
		if _, ok := ev.(transport.Message); ok {
			t.Fatalf("poll returned a message nobody sent: %v", ev)
		}
	}
	if err := c.Send(testCtx(t), transport.TextMessage("echo")); err != nil {
		t.Fatalf("SendText: %v", err)
	}
	evs := streamOf(t, c, func(ev Event) bool { _, ok := ev.(transport.Message); return ok }) // a HeartbeatEvent may come first
	if m, ok := evs[len(evs)-1].(transport.Message); !ok || m.Text() != "echo" {
		t.Fatalf("stream = %v; want the echo", evs)
	}
}

func TestCloseFromACallbackReturns(t *testing.T) {
	closed := make(chan error, 1)
	o := noReconnect()
	var c *Client
	ready := make(chan struct{})
	o.OnEvent = on(func(OpenEvent) {
		<-ready
		closed <- c.Close()
	})
	c = dialT(t, testServerURL(t)+"/echo", o)
	close(ready)
	select {
	case err := <-closed:
		if err != nil {
			t.Fatalf("Close in OnOpen: %v", err)
		}
	case <-testCtx(t).Done():
		t.Fatal("Close called from a callback did not return")
	}
	<-c.Done()
}

func TestBufferedAmountCountsQueuedBytes(t *testing.T) {
	o := &Options{}
	o.Reconnect.RetryFirstDial = true
	c, err := New(testServerURL(t)+"/reject?status=503", o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, s := range []string{"12345", "1234567890"} {
		if err := c.Enqueue(transport.TextMessage(s)); err != nil {
			t.Fatalf("Enqueue: %v", err)
		}
	}
	if n := c.BufferedAmount(); n != 15 {
		t.Fatalf("BufferedAmount = %d; want 15 (two queued messages)", n)
	}
	_ = c.Close()
	if n := c.BufferedAmount(); n != 0 {
		t.Fatalf("BufferedAmount after Close = %d; want 0 (handed back)", n)
	}
	if len(c.Unsent()) != 2 {
		t.Fatalf("Unsent = %d messages; want 2", len(c.Unsent()))
	}
}

// Lifecycle events in the stream do not count against ReceiveBuffer: it
// bounds messages, as documented.
func TestStreamEventsDoNotUseTheReceiveBuffer(t *testing.T) {
	o := noReconnect()
	o.StreamEvents, o.ReceiveBuffer = true, 2
	c := dialT(t, testServerURL(t)+"/echo", o)
	for _, s := range []string{"a", "b"} {
		if err := c.Send(testCtx(t), transport.TextMessage(s)); err != nil {
			t.Fatalf("SendText: %v", err)
		}
	}
	waitUntil(t, "both echoes held while the open's events wait unread", func() bool {
		c.inbox.mu.Lock()
		defer c.inbox.mu.Unlock()
		return c.inbox.msgs == 2 && c.inbox.lenLocked() > 2
	})
}
