//go:build !js

package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/transport"
)

func dataOf(evs []event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.str("data")
	}
	return out
}

func TestSendOrderAndCount(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	want := []string{"one", "two", "three", "four", "five"}
	args := []string{"connect", srv.URL("/echo?key=order"), "--json", "--count", "5"}
	for _, w := range want {
		args = append(args, "--send", w)
	}
	r := runJSON(t, nil, args...)
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	if got := dataOf(r.only("sent")); !slices.Equal(got, want) {
		t.Errorf("sent %v, want %v", got, want)
	}
	if got := dataOf(r.only("message")); !slices.Equal(got, want) {
		t.Errorf("received %v, want %v", got, want)
	}
	ks := kinds(r.events)
	if ks[0] != "connecting" || ks[1] != "open" || ks[len(ks)-1] != "close" {
		t.Errorf("events %v", ks)
	}
	if c := r.events[len(r.events)-1]; c.num("code") != 1000 || !c.flag("final") {
		t.Errorf("last event %v, want close 1000 final", c)
	}
}

func TestTimeoutExits3(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runJSON(t, nil, "connect", srv.URL("/echo?hold=1"), "--json", "--send", "x", "--count", "1", "--timeout", "300ms")
	if r.code != exitTimeout {
		t.Fatalf("exit %d, want 3\n%s", r.code, r)
	}
	errs := r.only("error")
	if len(errs) != 1 || errs[0].str("kind") != "timeout" || !errs[0].flag("final") {
		t.Fatalf("error events %v", errs)
	}
}

func TestCredentialsRedacted(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	u := strings.Replace(srv.URL("/echo?token=secret&key=redact"), "ws://", "ws://alice:hunter2@", 1)
	for _, mode := range []string{"--json", "--count"} {
		args := []string{"connect", u, "--send", "x", "--count", "1"}
		if mode == "--json" {
			args = append(args, "--json")
		}
		r := runText(t, nil, args...)
		all := r.stdout + r.stderr
		if r.code != exitOK || strings.Contains(all, "secret") || strings.Contains(all, "hunter2") {
			t.Fatalf("%s: exit %d or a credential leaked\n%s", mode, r.code, r)
		}
		if !strings.Contains(all, "token=REDACTED") {
			t.Errorf("%s: no redacted URL in the output\n%s", mode, r)
		}
	}
}

func TestHumanOutput(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runText(t, nil, "connect", srv.URL("/echo"), "--send", "hello", "--count", "1")
	if r.code != exitOK || !strings.Contains(r.stdout, "> hello") || !strings.Contains(r.stdout, "< hello") {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	if !strings.Contains(r.stderr, "connecting to") || !strings.Contains(r.stderr, "open") {
		t.Errorf("no status lines on stderr\n%s", r)
	}
	for _, quiet := range []string{"-q", "--quiet"} {
		q := runText(t, nil, "connect", srv.URL("/echo"), "--send", "hello", "--count", "1", quiet)
		if q.code != exitOK || q.stderr != "" || !strings.Contains(q.stdout, "< hello") {
			t.Errorf("%s: exit %d\n%s", quiet, q.code, q)
		}
	}
}

func TestStdinLinesThenEOFCloses(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runJSON(t, strings.NewReader("one\ntwo\n"), "connect", srv.URL("/echo"), "--json", "--linger", "200ms")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	want := []string{"one", "two"}
	if got := dataOf(r.only("message")); !slices.Equal(got, want) {
		t.Errorf("received %v, want %v (the echoes must arrive before the EOF close)", got, want)
	}
	if last := r.events[len(r.events)-1]; last.kind() != "close" || last.num("code") != 1000 {
		t.Errorf("last event %v", last)
	}
}

// With --send, the end of stdin (here at once) must not close the session
// before --count is reached.
func TestStdinEOFWaitsForCount(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runJSON(t, nil, "connect", srv.URL("/echo?server_ping_every=100"), "--json", "--send", "a", "--count", "3")
	if r.code != exitOK || len(r.only("message")) != 3 {
		t.Fatalf("exit %d, %d messages\n%s", r.code, len(r.only("message")), r)
	}
}

func TestSubprotocolNegotiation(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{Subprotocols: []string{"a", "b"}})
	r := runJSON(t, nil, "connect", srv.URL("/echo"), "--json", "-p", "b", "--subprotocol", "a",
		"--require-subprotocol", "--send", "x", "--count", "1")
	if open := r.only("open"); r.code != exitOK || len(open) != 1 || open[0].str("subprotocol") != "b" {
		t.Fatalf("exit %d; want subprotocol b (the client's preference)\n%s", r.code, r)
	}
	for _, tc := range []struct{ path, proto string }{{"/echo", "zzz"}, {"/subprotocol/bogus", "a"}} {
		r := runJSON(t, nil, "connect", srv.URL(tc.path), "--json", "-p", tc.proto, "--require-subprotocol")
		errs := r.only("error")
		if r.code != exitFailed || len(errs) != 1 || errs[0].str("kind") != "subprotocol" {
			t.Errorf("%s: exit %d, errors %v\n%s", tc.path, r.code, errs, r)
		}
	}
}

// headerRecorder serves the test server and remembers each request's headers.
type headerRecorder struct {
	srv *testserver.Server
	mu  sync.Mutex
	got []http.Header
}

func (h *headerRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.got = append(h.got, r.Header.Clone())
	h.mu.Unlock()
	h.srv.ServeHTTP(w, r)
}

func TestHeadersAndOrigin(t *testing.T) {
	t.Parallel()
	rec := &headerRecorder{srv: testserver.New(testserver.Options{})}
	hs := httptest.NewServer(rec)
	t.Cleanup(func() { rec.srv.Close(); hs.Close() })
	u := "ws" + strings.TrimPrefix(hs.URL, "http") + "/echo"
	r := runJSON(t, nil, "connect", u, "--json", "-H", "X-One: 1", "--header", "X-Two:  two words ",
		"--origin", hs.URL, "--send", "x", "--count", "1")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	rec.mu.Lock()
	h := rec.got[0]
	rec.mu.Unlock()
	if h.Get("X-One") != "1" || h.Get("X-Two") != "two words" || h.Get("Origin") != hs.URL {
		t.Errorf("headers %v", h)
	}
	bad := runJSON(t, nil, "connect", u, "--json", "--origin", "https://evil.example")
	if errs := bad.only("error"); bad.code != exitFailed || len(errs) != 1 || errs[0].str("kind") != "handshake" {
		t.Errorf("foreign origin: exit %d, errors %v\n%s", bad.code, errs, bad)
	}
}

func TestBinaryMessagesAreBase64(t *testing.T) {
	t.Parallel()
	_, fields := messageFields(transport.BinaryMessage([]byte("\x00\xffhi")), binaryOff)
	e := decode(t, string(jsonLine("message", time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), fields)))
	if e.str("type") != "binary" || e.str("data") != "AP9oaQ==" {
		t.Fatalf("event %v", e)
	}
	if s := fmt.Sprint(e["time"]); s != "2026-01-02T03:04:05.000000006Z" {
		t.Errorf("time %s, want nine fractional digits", s)
	}
}
