package sdk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/transport"
)

// confirming returns options whose connections confirm writes: natively
// with protocol pings, in browsers with the test server's application
// ping; interval and timeout as given. path gets the query the server needs.
func confirming(o *Options, interval, timeout time.Duration) (*Options, string) {
	o.Heartbeat.Interval, o.Heartbeat.Timeout = interval, timeout
	if protocolPings {
		return o, "/chaos?x=1"
	}
	jsonPing(&o.Heartbeat)
	return o, "/chaos?app_ping=1"
}

// unsentLog records UnsentEvents.
type unsentLog struct {
	mu  sync.Mutex
	evs []UnsentEvent
}

func (l *unsentLog) add(ev UnsentEvent) {
	l.mu.Lock()
	l.evs = append(l.evs, ev)
	l.mu.Unlock()
}

func (l *unsentLog) maybeDelivered() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, ev := range l.evs {
		if errors.Is(ev.Err, ErrMaybeDelivered) {
			for _, m := range ev.Messages {
				out = append(out, m.Text())
			}
		}
	}
	return out
}

func TestFlushConfirmsWhatWasWritten(t *testing.T) {
	rec := newRecorder()
	o, path := confirming(rec.attach(noReconnect()), time.Minute, answerTimeout) // only barrier pings
	c := dialT(t, testServerURL(t)+path, o)
	if ev := rec.waitFor(t, "the open", func(e any) bool { _, ok := e.(OpenEvent); return ok }); !ev.(OpenEvent).Confirms {
		t.Fatal("OpenEvent.Confirms is false on a connection with pings")
	}
	ctx := testCtx(t)
	for i := range 50 {
		if err := c.Send(ctx, transport.TextMessage(fmt.Sprint("m", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	if n := c.pendingUpTo(c.accepted.Load()); n != 0 {
		t.Fatalf("%d messages still unconfirmed after Flush", n)
	}
}

func TestFlushWithoutPingsWaitsForTheWrite(t *testing.T) {
	rec := newRecorder()
	o := rec.attach(noReconnect())
	o.Heartbeat.Mode = heartbeat.ModeOff
	c := dialT(t, testServerURL(t)+"/echo", o)
	if ev := rec.waitFor(t, "the open", func(e any) bool { _, ok := e.(OpenEvent); return ok }); ev.(OpenEvent).Confirms {
		t.Fatal("OpenEvent.Confirms is true on a connection without pings")
	}
	_ = c.Enqueue(transport.TextMessage("x"))
	if err := c.Flush(testCtx(t)); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

// blackholeAndSend black-holes the connection opened with key and sends
// msgs into it: each Send returns once written, unconfirmed.
func blackholeAndSend(t *testing.T, c *Client, base, key string, msgs ...string) {
	t.Helper()
	if err := c.Flush(testCtx(t)); err != nil { // what came before is confirmed
		t.Fatalf("Flush: %v", err)
	}
	serverAct(t, base, "blackhole", key, "")
	for _, m := range msgs {
		if err := c.Send(testCtx(t), transport.TextMessage(m)); err != nil {
			t.Fatalf("SendText(%s): %v", m, err)
		}
	}
}

// The messages are written into a black hole (the server discards what it
// reads), then the server drops the connection: they were written and never
// read, and no pong confirmed them.
func TestUnconfirmedAreResentFirstOnTheNextConnection(t *testing.T) {
	base, key := testServerURL(t), "resend"
	rec := newRecorder()
	o, path := confirming(rec.attach(fastReconnect()), time.Minute, answerTimeout)
	c := dialT(t, base+path+"&key="+key, o)
	blackholeAndSend(t, c, base, key, "lost-1", "lost-2", "lost-3")
	serverAct(t, base, "drop", key, "")
	rec.waitFor(t, "the reconnect", isReopen)
	if err := c.Send(testCtx(t), transport.TextMessage("after")); err != nil {
		t.Fatal(err)
	}
	expectTexts(t, c, "", "lost-1", "lost-2", "lost-3", "after")
	if err := c.Flush(testCtx(t)); err != nil {
		t.Fatalf("Flush after the re-send: %v", err)
	}
}

func TestHandBackUnconfirmedSaysMaybeDelivered(t *testing.T) {
	base, key := testServerURL(t), "handback"
	rec, unsent := newRecorder(), &unsentLog{}
	o, path := confirming(rec.attach(fastReconnect()), time.Minute, answerTimeout)
	o.Delivery.HandBackUnconfirmed = true
	alsoOn(o, on(unsent.add))
	c := dialT(t, base+path+"&key="+key, o)
	blackholeAndSend(t, c, base, key, "lost-1", "lost-2")
	serverAct(t, base, "drop", key, "")
	rec.waitFor(t, "the reconnect", isReopen)
	if err := c.Send(testCtx(t), transport.TextMessage("after")); err != nil {
		t.Fatal(err)
	}
	expectTexts(t, c, "", "after") // nothing re-sent
	waitUntil(t, "the hand-back", func() bool { return len(unsent.maybeDelivered()) == 2 })
	if got := fmt.Sprint(unsent.maybeDelivered()); got != "[lost-1 lost-2]" {
		t.Fatalf("handed back %s; want [lost-1 lost-2] with ErrMaybeDelivered", got)
	}
}

func TestCloseOnADeadLinkHandsBackUnconfirmed(t *testing.T) {
	base, key := testServerURL(t), "close-dead"
	unsent := &unsentLog{}
	o, path := confirming(noReconnect(), time.Minute, answerTimeout)
	o.OnEvent = on(unsent.add)
	c := dialT(t, base+path+"&key="+key, o)
	blackholeAndSend(t, c, base, key, "maybe")
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if got := fmt.Sprint(unsent.maybeDelivered()); got != "[maybe]" {
		t.Fatalf("handed back %s with ErrMaybeDelivered; want [maybe]", got)
	}
	if u := c.Unsent(); len(u) != 1 || u[0].Text() != "maybe" {
		t.Fatalf("Unsent() = %v", u)
	}
}

func TestFullWindowHoldsSenders(t *testing.T) {
	base, key := testServerURL(t), "window"
	o, path := confirming(noReconnect(), time.Minute, answerTimeout)
	o.Delivery.MaxUnconfirmed = 3
	c := dialT(t, base+path+"&key="+key, o)
	blackholeAndSend(t, c, base, key, "1", "2", "3")
	ctx, cancel := context.WithTimeout(testCtx(t), 200*time.Millisecond)
	defer cancel()
	if err := c.Send(ctx, transport.TextMessage("4")); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("SendText with the window full: %v; want it to wait until its context ends", err)
	}
	if err := c.Flush(ctx); !errors.Is(err, ErrUnconfirmed) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Flush on a dead link: %v; want ErrUnconfirmed and the context's error", err)
	}
}

// A Flush waiting when Close hands back what it covers fails: the messages
// were not confirmed (the re-send policy had put them back in the outbox).
func TestFlushFailsWhenCloseHandsBack(t *testing.T) {
	base, key := testServerURL(t), "flush-close"
	o, path := confirming(noReconnect(), time.Minute, answerTimeout)
	c := dialT(t, base+path+"&key="+key, o)
	blackholeAndSend(t, c, base, key, "unconfirmed")
	flushed := make(chan error, 1)
	go func() { flushed <- c.Flush(testCtx(t)) }()
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := <-flushed; !errors.Is(err, ErrUnconfirmed) {
		t.Fatalf("Flush = %v; want ErrUnconfirmed (Close handed the message back)", err)
	}
}

// A Flush waiting when the loss policy hands its messages back fails at
// once, not when its context ends.
func TestFlushFailsWhenTheLossPolicyHandsBack(t *testing.T) {
	base, key := testServerURL(t), "flush-handback"
	rec := newRecorder()
	o, path := confirming(rec.attach(fastReconnect()), time.Minute, answerTimeout)
	o.Delivery.HandBackUnconfirmed = true
	c := dialT(t, base+path+"&key="+key, o)
	blackholeAndSend(t, c, base, key, "unconfirmed")
	flushed := make(chan error, 1)
	go func() { flushed <- c.Flush(testCtx(t)) }()
	waitUntil(t, "the Flush to wait", func() bool { return c.flushes.count.Load() == 1 })
	serverAct(t, base, "drop", key, "")
	err := <-flushed
	if !errors.Is(err, ErrUnconfirmed) || errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Flush = %v; want ErrUnconfirmed as soon as the message was handed back", err)
	}
}

// A Flush never returns nil for a message that OverflowDropOldest pushed
// out of the outbox: it was not confirmed.
func TestFlushFailsForADroppedMessage(t *testing.T) {
	o := &Options{Dialer: &countDialer{err: errRefusedByTest}}
	o.Reconnect.RetryFirstDial = true // stays connecting: every message waits in the outbox
	o.Reconnect.InitialDelay, o.Reconnect.MaxDelay = time.Minute, time.Minute
	o.Outbox = OutboxOptions{MaxMessages: 1, Overflow: OverflowDropOldest}
	c, err := New("ws://127.0.0.1:1/", o)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Enqueue(transport.TextMessage("first")); err != nil {
		t.Fatal(err)
	}
	flushed := make(chan error, 1)
	go func() { flushed <- c.Flush(testCtx(t)) }()
	waitUntil(t, "the Flush to wait", func() bool { return c.flushes.count.Load() == 1 })
	if err := c.Enqueue(transport.TextMessage("second")); err != nil { // pushes "first" out
		t.Fatal(err)
	}
	if err := <-flushed; !errors.Is(err, ErrUnconfirmed) {
		t.Fatalf("Flush = %v; want ErrUnconfirmed (the message it waited for was dropped)", err)
	}
}

// gatedDialer fails each Dial with err once the test releases it.
type gatedDialer struct {
	release chan struct{}
	err     error
}

func (d *gatedDialer) Dial(ctx context.Context, _ string, _ transport.DialOptions) (transport.Conn, error) {
	select {
	case <-d.release:
		return nil, d.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// A Flush waiting when the client gives up (its first attempt refused)
// fails with ErrUnconfirmed and ErrClosed, whichever wake it sees first.
func TestFlushOnAClientThatGivesUpSaysClosed(t *testing.T) {
	d := &gatedDialer{release: make(chan struct{}), err: &transport.HandshakeError{Status: 503}}
	c, err := New("ws://127.0.0.1:1/", &Options{Dialer: d})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Enqueue(transport.TextMessage("queued")); err != nil {
		t.Fatal(err)
	}
	flushed := make(chan error, 1)
	go func() { flushed <- c.Flush(testCtx(t)) }()
	waitUntil(t, "the Flush to wait", func() bool { return c.flushes.count.Load() == 1 })
	close(d.release)
	if err := <-flushed; !errors.Is(err, ErrUnconfirmed) || !errors.Is(err, ErrClosed) {
		t.Fatalf("Flush = %v; want ErrUnconfirmed and ErrClosed", err)
	}
}
