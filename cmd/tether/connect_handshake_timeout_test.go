//go:build !js

package main

import (
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/sdk"
)

// silentServer accepts TCP connections on loopback and reads what they send
// but never answers: an opening handshake sent to it never completes.
type silentServer struct {
	ln     net.Listener
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  []net.Conn
	closed bool
}

// newSilentServer returns the ws:// URL of a silent server that the test's
// cleanup stops, with every connection it accepted.
func newSilentServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &silentServer{ln: ln}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.close)
	return "ws://" + ln.Addr().String() + "/"
}

func (s *silentServer) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = c.Close()
			return
		}
		s.conns = append(s.conns, c)
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			_, _ = io.Copy(io.Discard, c) // read the request, answer nothing
		}()
	}
}

func (s *silentServer) close() {
	_ = s.ln.Close()
	s.mu.Lock()
	s.closed = true
	for _, c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// --handshake-timeout bounds the opening handshake: against a server that
// never answers, the first dial fails with kind timeout (exit 1). --timeout
// (well under the SDK's 10 s default) would exit 3 if the flag were ignored.
func TestHandshakeTimeout(t *testing.T) {
	t.Parallel()
	u := newSilentServer(t)
	r := runInProcessJSON(t, nil, "connect", u, "--json", "--handshake-timeout", "100ms", "--timeout", "5s")
	errs := r.only("error")
	if r.code != exitFailed || len(errs) != 1 {
		t.Fatalf("exit %d, errors %v; want 1 and one error\n%s", r.code, errs, r)
	}
	if e := errs[0]; e.str("kind") != "timeout" || !e.flag("final") || !strings.Contains(e.str("error"), "--handshake-timeout") {
		t.Errorf("error %v, want kind timeout, final, naming --handshake-timeout", e)
	}
	h := runInProcess(t, nil, "connect", u, "--handshake-timeout", "100ms", "--timeout", "5s")
	if want := "error (timeout): "; h.code != exitFailed || !strings.Contains(h.stderr, want) {
		t.Errorf("exit %d, want 1 and %q on stderr\n%s", h.code, want, h)
	}
}

// The bound holds for every attempt: retried attempts report kind timeout too.
func TestHandshakeTimeoutOnRetries(t *testing.T) {
	t.Parallel()
	u := newSilentServer(t)
	r := runInProcessJSON(t, nil, "connect", u, "--json", "--handshake-timeout", "50ms", "--timeout", "5s",
		"--retry-first-dial", "--max-attempts", "2", "--reconnect-initial", "1ms", "--reconnect-max", "1ms")
	retries, errs := r.only("reconnecting"), r.only("error")
	if r.code != exitFailed || len(retries) == 0 || len(errs) == 0 {
		t.Fatalf("exit %d, %d reconnecting, %d errors; want 1 and both\n%s", r.code, len(retries), len(errs), r)
	}
	for _, e := range append(retries, errs...) {
		if e.str("kind") != "timeout" {
			t.Errorf("%s kind %q, want timeout", e.kind(), e.str("kind"))
		}
	}
	if last := errs[len(errs)-1]; !last.flag("final") {
		t.Errorf("last error %v, want final", last)
	}
}

// The flag sets Options.HandshakeTimeout; without it the SDK's default holds.
func TestHandshakeTimeoutOption(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args     []string
		want     time.Duration // Options.HandshakeTimeout
		attempts time.Duration // what the printer names
	}{
		{nil, 0, sdk.DefaultOptions().HandshakeTimeout},
		{[]string{"--handshake-timeout", "250ms"}, 250 * time.Millisecond, 250 * time.Millisecond},
	} {
		cfg, err := parseConnect(append([]string{"ws://127.0.0.1:1/"}, tc.args...))
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		if got := cfg.options(nil).HandshakeTimeout; got != tc.want {
			t.Errorf("%v: HandshakeTimeout %s, want %s", tc.args, got, tc.want)
		}
		if got := cfg.attemptTimeout(); got != tc.attempts {
			t.Errorf("%v: attempt timeout %s, want %s", tc.args, got, tc.attempts)
		}
	}
}
