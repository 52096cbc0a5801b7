package gobind

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/mobile"
)

// events is a Listener as an app would write it, using only bindable types.
type events struct {
	mu  sync.Mutex
	log []string
	ch  chan string
}

func (e *events) add(s string) {
	e.mu.Lock()
	e.log = append(e.log, s)
	e.mu.Unlock()
	e.ch <- s
}

func (e *events) OnOpen(proto string, reconnect bool) {
	e.add(map[bool]string{false: "open", true: "reopen"}[reconnect])
}
func (e *events) OnMessage(text string)            { e.add("text:" + text) }
func (e *events) OnBinaryMessage(data []byte)      { e.add("binary:" + string(data)) }
func (e *events) OnReconnecting(attempt, ms int64) { e.add("reconnecting") }
func (e *events) OnClose(code int64, reason string, isFinal bool) {
	e.add(map[bool]string{false: "close", true: "final"}[isFinal])
}
func (e *events) OnError(kind, message string) { e.add("error:" + kind) }
func (e *events) OnUnsent(bin bool, text string, b []byte, maybe bool, kind, message string) {
	e.add(fmt.Sprintf("unsent %s maybe=%v kind=%s", text, maybe, kind))
}

// await reads events until want arrives.
func (e *events) await(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case got := <-e.ch:
			if got == want {
				return
			}
		case <-timeout:
			e.mu.Lock()
			defer e.mu.Unlock()
			t.Fatalf("no %q; events: %s", want, strings.Join(e.log, " "))
		}
	}
}

// TestFacadeAgainstServer drives the facade through the bindable API only:
// open, echo, server drop, reconnect, echo, close. The server drops the
// connection once the first echo came back (not on a timer, which a busy
// machine could reach before the echo), and keeps the second one.
func TestFacadeAgainstServer(t *testing.T) {
	srv, err := testserver.Start("", testserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := mobile.NewConfig()
	cfg.ReconnectInitialMillis, cfg.ReconnectMaxMillis = 20, 50
	ev := &events{ch: make(chan string, 1024)}
	c, err := mobile.NewClient(srv.URL("/echo"), cfg, ev)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	ev.await(t, "open")
	if err := c.SendBinary([]byte("one"), nil); err != nil {
		t.Fatal(err)
	}
	ev.await(t, "binary:one")
	srv.Server().DropAll()
	for _, want := range []string{"error:network", "close", "reconnecting", "reopen"} {
		ev.await(t, want)
	}
	if err := c.SendText("two", nil); err != nil {
		t.Fatal(err)
	}
	ev.await(t, "text:two")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ev.await(t, "final")
	if got := c.State(); got != "Closed" {
		t.Fatalf("State = %s", got)
	}
}

// tokens is a CredentialsProvider as an app would write it: it hands out the
// URL for every attempt, and counts the attempts it was asked for.
type tokens struct {
	url   string
	asked chan int64
}

func (p *tokens) Credentials(attempt int64) (*mobile.Credentials, error) {
	p.asked <- attempt
	return mobile.NewCredentials(p.url, "fresh-token"), nil
}

// TestFacadeCredentialsProvider drives a client whose only URL comes from
// its CredentialsProvider, through a server drop and a reconnect: the
// provider is asked before each attempt.
func TestFacadeCredentialsProvider(t *testing.T) {
	srv, err := testserver.Start("", testserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := mobile.NewConfig()
	cfg.ReconnectInitialMillis, cfg.ReconnectMaxMillis = 20, 50
	p := &tokens{url: srv.URL("/echo"), asked: make(chan int64, 16)}
	cfg.CredentialsProvider = p
	ev := &events{ch: make(chan string, 1024)}
	c, err := mobile.NewClient("", cfg, ev)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	ev.await(t, "open")
	dropOnceLive(t, srv)
	ev.await(t, "reopen")
	for want := int64(1); want <= 2; want++ {
		if got := <-p.asked; got != want {
			t.Fatalf("provider asked for attempt %d, want %d", got, want)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ev.await(t, "final")
}

// dropOnceLive drops the server's connections once it has one: a client
// may report its open a moment before the server has recorded the
// connection it upgraded.
func dropOnceLive(t *testing.T, srv *testserver.Running) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for srv.Server().Conns() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the server never recorded the connection")
		}
		time.Sleep(time.Millisecond)
	}
	srv.Server().DropAll()
}

// flushDone is a FlushCallback as an app would write it.
type flushDone chan string

func (f flushDone) OnFlushed(kind, message string) { f <- kind }

// blackhole makes the server discard what the connection opened with key
// sends, and answer no ping.
func blackhole(t *testing.T, srv *testserver.Running, key string) {
	t.Helper()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get(srv.HTTPURL("/blackhole?key=" + key))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"connections":1`) {
		t.Fatalf("/blackhole: %d %s", resp.StatusCode, b)
	}
}

// TestFacadeDelivery drives delivery through the bindable API only: Flush
// and FlushAsync confirm what was sent; a message sent into a black hole
// is not confirmed, and Close hands it back as maybe delivered to
// Listener.OnUnsent, before the final OnClose.
func TestFacadeDelivery(t *testing.T) {
	srv, err := testserver.Start("", testserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := mobile.NewConfig()
	ev := &events{ch: make(chan string, 1024)}
	cfg.HandBackUnconfirmed = true
	c, err := mobile.NewClient(srv.URL("/echo?key=facade-delivery"), cfg, ev)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Connect(nil); err != nil {
		t.Fatal(err)
	}
	if err := c.SendText("one", nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(10_000); err != nil {
		t.Fatalf("Flush: %v", err)
	}
	done := make(flushDone, 1)
	c.FlushAsync(10_000, done)
	if kind := <-done; kind != "" {
		t.Fatalf("FlushAsync: kind %q", kind)
	}
	blackhole(t, srv, "facade-delivery")
	if err := c.SendText("lost", nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(100); mobile.ErrorKindOf(err) != "unconfirmed" {
		t.Fatalf("Flush into a black hole: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ev.await(t, "unsent lost maybe=true kind=unconfirmed")
	ev.await(t, "final")
}
