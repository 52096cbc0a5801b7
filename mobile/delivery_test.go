//go:build !js

package mobile

import (
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/testserver"
)

// flushed is a FlushCallback that passes the outcome on.
type flushed chan [2]string

func (f flushed) OnFlushed(kind, message string) { f <- [2]string{kind, message} }

// await returns FlushAsync's outcome: its kind, "" for success.
func (f flushed) await(t *testing.T) string {
	t.Helper()
	select {
	case r := <-f:
		return r[0]
	case <-time.After(deadlockBound):
		t.Fatal("FlushAsync never called back")
		return ""
	}
}

// serverAct has the test server act now ("drop", "blackhole") on the
// connection opened with key, and returns once it has.
func serverAct(t *testing.T, srv *testserver.Running, what, key string) {
	t.Helper()
	act := map[string]func(string) int{"drop": srv.Server().Drop, "blackhole": srv.Server().Blackhole}[what]
	if n := act(key); n != 1 {
		t.Fatalf("%s %s: %d connections; want 1", what, key, n)
	}
}

// blackholeAndSend confirms what was sent so far, black-holes the
// connection opened with key (the server reads and discards, answers no
// ping) and sends texts into it: each SendText returns once written, and
// nothing confirms them.
func blackholeAndSend(t *testing.T, c *Client, srv *testserver.Running, key string, texts ...string) {
	t.Helper()
	if err := c.Flush(deadlockBound.Milliseconds()); err != nil {
		t.Fatalf("Flush before the black hole: %v", err)
	}
	serverAct(t, srv, "blackhole", key)
	for _, text := range texts {
		if err := c.SendText(text, nil); err != nil {
			t.Fatalf("SendText(%s): %v", text, err)
		}
	}
}

func TestFlush(t *testing.T) {
	srv := startServer(t)
	c, _ := newTestClient(t, srv.URL("/echo?key=flush"), fastConfig())
	if err := c.Flush(1000); ErrorKindOf(err) != kindState {
		t.Fatalf("Flush before Connect: %v; want kind state", err)
	}
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(0); ErrorKindOf(err) != kindInvalid {
		t.Fatalf("Flush(0): %v; want kind invalid", err)
	}
	for _, text := range []string{"a", "b", "c"} {
		if err := c.SendText(text, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.EnqueueBinary([]byte{1, 2}); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(deadlockBound.Milliseconds()); err != nil {
		t.Fatalf("Flush on a live connection: %v", err)
	}
	done := make(flushed, 1)
	c.FlushAsync(deadlockBound.Milliseconds(), done)
	if kind := done.await(t); kind != "" {
		t.Fatalf("FlushAsync on a live connection: kind %q", kind)
	}
	blackholeAndSend(t, c, srv, "flush", "lost")
	if err := c.Flush(100); ErrorKindOf(err) != kindUnconfirmed {
		t.Fatalf("Flush into a black hole: %v (kind %q); want kind unconfirmed", err, ErrorKindOf(err))
	}
	c.FlushAsync(100, done)
	if kind := done.await(t); kind != kindUnconfirmed {
		t.Fatalf("FlushAsync into a black hole: kind %q; want unconfirmed", kind)
	}
}

// The default policy: messages written into a black hole, then dropped with
// the connection, are sent again first on the next connection, where the
// server echoes them; nothing is handed back.
func TestUnconfirmedAreResentOnTheNextConnection(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo?key=resend"), fastConfig())
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	blackholeAndSend(t, c, srv, "resend", "lost-1", "lost-2")
	serverAct(t, srv, "drop", "resend")
	i := rec.waitFor(t, 0, `open proto="" reconnect=true`)
	i = rec.waitFor(t, i, "text lost-1")
	rec.waitFor(t, i, "text lost-2")
	if err := c.Flush(deadlockBound.Milliseconds()); err != nil {
		t.Fatalf("Flush after the re-send: %v", err)
	}
	if n := rec.count("unsent"); n != 0 {
		t.Fatalf("%d messages handed back; want them re-sent:\n%s", n, strings.Join(rec.snapshot(), "\n"))
	}
}

// Config.HandBackUnconfirmed: the same messages come back as maybe
// delivered and are not re-sent.
func TestHandBackUnconfirmedSaysMaybeDelivered(t *testing.T) {
	srv := startServer(t)
	cfg := fastConfig()
	cfg.HandBackUnconfirmed = true
	c, rec := newTestClient(t, srv.URL("/echo?key=handback"), cfg)
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	blackholeAndSend(t, c, srv, "handback", "lost-1", "lost-2")
	serverAct(t, srv, "drop", "handback")
	i := rec.waitFor(t, 0, "unsent maybe=true kind=unconfirmed binary=false lost-1")
	rec.waitFor(t, i, "unsent maybe=true kind=unconfirmed binary=false lost-2")
	i = rec.waitFor(t, 0, `open proto="" reconnect=true`)
	if err := c.SendText("after", nil); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, i, "text after") // echoed in order: a re-send would come first
	if n := rec.count("text lost"); n != 0 {
		t.Fatalf("a handed-back message was re-sent too:\n%s", strings.Join(rec.snapshot(), "\n"))
	}
	if rec.count("unsent") != 2 || rec.count("bad message") != 0 {
		t.Fatalf("OnUnsent not called once per message, or a reason without tether: prefix:\n%s",
			strings.Join(rec.snapshot(), "\n"))
	}
}

// Close on a dead link returns (after the 2 s it gives confirmations) and
// hands back what was written and not confirmed as maybe delivered, with
// the reason, once, before the final OnClose.
func TestCloseOnADeadLinkHandsBackMaybeDelivered(t *testing.T) {
	srv := startServer(t)
	c, rec := newTestClient(t, srv.URL("/echo?key=dead"), fastConfig())
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	blackholeAndSend(t, c, srv, "dead")
	if err := c.SendBinary([]byte("may"), nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	const want = "unsent maybe=true kind=unconfirmed binary=true 6d6179"
	evs := rec.snapshot()
	if len(evs) < 2 || evs[len(evs)-2] != want || !strings.HasSuffix(evs[len(evs)-1], "final=true") ||
		rec.count("unsent") != 1 {
		t.Fatalf("want %q once, then the final OnClose; events:\n%s", want, strings.Join(evs, "\n"))
	}
}
