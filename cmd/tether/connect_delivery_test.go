//go:build !js

package main

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// serverAct has the test server act now ("drop", "blackhole") on the
// connection opened with key, and returns once it has.
func serverAct(t *testing.T, srv *testserver.Running, what, key string) {
	t.Helper()
	act := map[string]func(string) int{"drop": srv.Server().Drop, "blackhole": srv.Server().Blackhole}[what]
	if n := act(key); n != 1 {
		t.Fatalf("%s %s: %d connections; want 1", what, key, n)
	}
}

// blackholeServer is a test server that keeps black-holed connections for
// the whole test (the default bound of the CLI tests would drop them).
func blackholeServer(t *testing.T) *testserver.Running {
	return startServer(t, testserver.Options{MaxSilent: 10 * time.Minute})
}

// sendLines writes lines to tether's stdin and waits for their sent events
// (written to the socket).
func sendLines(t *testing.T, p *proc, stdin io.Writer, lines ...string) {
	t.Helper()
	if _, err := io.WriteString(stdin, strings.Join(lines, "\n")+"\n"); err != nil {
		t.Fatal(err)
	}
	for _, want := range lines {
		if e := p.next("sent"); e.str("data") != want {
			t.Fatalf("sent %v, want %q", e, want)
		}
	}
}

// unsentData returns the data of r's unsent events whose maybe_delivered is
// maybe, in order.
func unsentData(r result, maybe bool) []string {
	var out []string
	for _, e := range r.only("unsent") {
		if e.flag("maybe_delivered") == maybe {
			out = append(out, e.str("data"))
		}
	}
	return out
}

// finish closes stdin (after it, tether exits once the server was quiet for
// --linger) and returns the finished run with its events.
func finish(t *testing.T, p *proc, stdin io.Closer) result {
	t.Helper()
	_ = stdin.Close()
	r := result{code: p.wait(), stdout: p.stdout(), stderr: p.stderr.String()}
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		r.events = append(r.events, decode(t, l))
	}
	return r
}

// Lines written into a black hole are written (sent) and never confirmed:
// at exit, after the 2 s the client gives them, each is reported as unsent
// with maybe_delivered, and the exit status says so (4).
func TestExitReportsUnconfirmedLines(t *testing.T) {
	t.Parallel()
	srv := blackholeServer(t)
	in, stdin := io.Pipe()
	t.Cleanup(func() { _ = stdin.Close() })
	p := start(t, in, "connect", srv.URL("/echo?key=exit-lost"), "--json", "--linger", "100ms")
	p.next("open")
	serverAct(t, srv, "blackhole", "exit-lost")
	lines := []string{"one", "two", "three"}
	sendLines(t, p, stdin, lines...)
	r := finish(t, p, stdin)
	if r.code != exitUnsent {
		t.Fatalf("exit %d, want %d\n%s", r.code, exitUnsent, r)
	}
	if got := unsentData(r, true); !slices.Equal(got, lines) {
		t.Fatalf("unsent with maybe_delivered: %q, want %q\n%s", got, lines, r)
	}
	for _, e := range r.only("unsent") {
		if e.num("count") != 1 || e.str("type") != "text" || !strings.Contains(e.str("error"), "maybe delivered") {
			t.Errorf("unsent %v", e)
		}
	}
	if n := len(r.only("message")); n != 0 {
		t.Errorf("%d messages echoed from a black hole\n%s", n, r)
	}
}

// The default policy: lines written into a black hole that the server then
// drops are re-sent first on the next connection and echoed there;
// nothing is reported unsent and tether exits 0.
func TestLostLinesAreResentAfterReconnect(t *testing.T) {
	t.Parallel()
	srv := blackholeServer(t)
	in, stdin := io.Pipe()
	t.Cleanup(func() { _ = stdin.Close() })
	p := start(t, in, append([]string{"connect", srv.URL("/echo?key=resend"), "--json", "--linger", "100ms"},
		fastRetry...)...)
	p.next("open")
	serverAct(t, srv, "blackhole", "resend")
	lines := []string{"one", "two"}
	sendLines(t, p, stdin, lines...)
	serverAct(t, srv, "drop", "resend")
	if e := p.next("open"); !e.flag("reconnect") {
		t.Fatalf("open %v, want the reconnect", e)
	}
	for _, want := range lines {
		if e := p.next("message", "unsent"); e.kind() != "message" || e.str("data") != want {
			t.Fatalf("%v, want the re-sent %q echoed", e, want)
		}
	}
	r := finish(t, p, stdin)
	if r.code != exitOK || len(r.only("unsent")) != 0 {
		t.Fatalf("exit %d with %d unsent events, want 0 and none\n%s", r.code, len(r.only("unsent")), r)
	}
}

// --no-resend: the same lines are reported at the loss as unsent with
// maybe_delivered, never re-sent; the exit status says so (4).
func TestNoResendReportsMaybeDelivered(t *testing.T) {
	t.Parallel()
	srv := blackholeServer(t)
	in, stdin := io.Pipe()
	t.Cleanup(func() { _ = stdin.Close() })
	p := start(t, in, append([]string{"connect", srv.URL("/echo?key=no-resend"), "--json", "--linger", "100ms",
		"--no-resend"}, fastRetry...)...)
	p.next("open")
	serverAct(t, srv, "blackhole", "no-resend")
	lines := []string{"one", "two"}
	sendLines(t, p, stdin, lines...)
	serverAct(t, srv, "drop", "no-resend")
	for _, want := range lines {
		if e := p.next("unsent"); e.str("data") != want || !e.flag("maybe_delivered") {
			t.Fatalf("unsent %v, want %q maybe delivered", e, want)
		}
	}
	p.next("open")
	if _, err := io.WriteString(stdin, "after\n"); err != nil {
		t.Fatal(err)
	}
	if e := p.next("message"); e.str("data") != "after" { // a re-send would be echoed first
		t.Fatalf("message %v, want \"after\"", e)
	}
	r := finish(t, p, stdin)
	if r.code != exitUnsent || len(r.only("unsent")) != len(lines) {
		t.Fatalf("exit %d with %d unsent events, want %d and %d\n%s", r.code, len(r.only("unsent")),
			exitUnsent, len(lines), r)
	}
}

// A line that waits in the outbox when tether stops (Ctrl-C while it waits
// out a reconnect delay) was never sent: it is reported so, on stderr.
func TestStopReportsALineNeverSent(t *testing.T) {
	t.Parallel()
	dropped := make(chan struct{})
	srv := newPeer(t, nil, func(n int, c *websocket.Conn) bool {
		select { // drop once the test saw "open"
		case <-dropped:
		case <-t.Context().Done():
		}
		return false
	})
	in, stdin := io.Pipe()
	t.Cleanup(func() { _ = stdin.Close() })
	p := start(t, in, "connect", srv.url, "--reconnect-initial", "1m", "--reconnect-max", "1m")
	p.awaitStderr("tether: open")
	close(dropped)
	p.awaitStderr("tether: reconnecting")
	if _, err := io.WriteString(stdin, "while down\n"); err != nil {
		t.Fatal(err)
	}
	if l := p.line(); l != "> while down" { // taken: it waits in the outbox
		t.Fatalf("stdout %q", l)
	}
	p.interrupt()
	_ = stdin.Close()
	if code := p.wait(); code != exitUnsent {
		t.Fatalf("exit %d, want %d\n%s", code, exitUnsent, p.stderr.String())
	}
	if want := "tether: unsent (never sent): while down: not written before tether stopped"; !strings.Contains(p.stderr.String(), want) {
		t.Fatalf("no %q on stderr:\n%s", want, p.stderr.String())
	}
}

// Unsent events show even with --quiet (a loss is never silent), and say
// whether the message may have been delivered.
func TestUnsentOutput(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	p := newPrinter(&connectConfig{quiet: true}, stdio{out: &out, err: &errOut})
	p.unsent(transport.TextMessage("hi"), sdk.ErrClosed)
	p.unsent(transport.BinaryMessage([]byte{0xff}), sdk.ErrMaybeDelivered)
	want := "tether: unsent (never sent): hi: closed\n" +
		"tether: unsent (maybe delivered, not confirmed): [binary 1 bytes] /w==: message maybe delivered\n"
	if errOut.String() != want || out.Len() != 0 || p.unsentCount() != 2 {
		t.Fatalf("stderr %q, stdout %q, count %d; want stderr %q", errOut.String(), out.String(), p.unsentCount(), want)
	}
	p = newPrinter(&connectConfig{json: true}, stdio{out: &out, err: &errOut})
	p.unsent(transport.TextMessage("hi"), sdk.ErrClosed)
	e := decode(t, strings.TrimSpace(out.String()))
	if e.str("data") != "hi" || e.flag("maybe_delivered") || e.str("error") != "tether: closed" {
		t.Fatalf("unsent %v", e)
	}
}
