//go:build !js

package mobile

import (
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/leakcheck"
	"github.com/tetherws/tether/internal/testserver"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// recorder is a Listener that logs every call as a line of text.
type recorder struct {
	mu      sync.Mutex
	events  []string
	changed chan struct{} // capacity 1: "an event was logged"
	inCall  atomic.Int32
	overlap atomic.Bool     // two calls ran at once
	hook    func(ev string) // runs inside each call, after logging; may be nil
}

func newRecorder() *recorder { return &recorder{changed: make(chan struct{}, 1)} }

func (r *recorder) log(format string, args ...any) {
	if r.inCall.Add(1) > 1 {
		r.overlap.Store(true)
	}
	defer r.inCall.Add(-1)
	ev := fmt.Sprintf(format, args...)
	r.mu.Lock()
	r.events = append(r.events, ev)
	hook := r.hook
	r.mu.Unlock()
	notify(r.changed)
	if hook != nil {
		hook(ev)
	}
}

func (r *recorder) OnOpen(proto string, reconnect bool) {
	r.log("open proto=%q reconnect=%v", proto, reconnect)
}
func (r *recorder) OnMessage(text string)       { r.log("text %s", text) }
func (r *recorder) OnBinaryMessage(data []byte) { r.log("binary %s", hex.EncodeToString(data)) }
func (r *recorder) OnReconnecting(attempt, delay int64) {
	r.log("reconnecting attempt=%d", attempt)
}
func (r *recorder) OnClose(code int64, reason string, isFinal bool) {
	r.log("close %d %q final=%v", code, reason, isFinal)
}
func (r *recorder) OnError(kind, message string) { r.log("error %s: %s", kind, message) }

// OnUnsent logs the message with its reason; a reason without the
// "tether:" prefix is logged as a bad message too.
func (r *recorder) OnUnsent(isBinary bool, text string, data []byte, maybe bool, kind, message string) {
	r.log("unsent maybe=%v kind=%s binary=%v %s%s", maybe, kind, isBinary, text, hex.EncodeToString(data))
	if !strings.HasPrefix(message, "tether:") {
		r.log("bad message %q", message)
	}
}

func (r *recorder) snapshot() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

// waitFor waits until an event at index from or later starts with prefix and
// returns its index.
func (r *recorder) waitFor(t testing.TB, from int, prefix string) int {
	t.Helper()
	i, _ := r.waitForAny(t, from, prefix)
	return i
}

// waitForAny waits until an event at index from or later starts with one of
// prefixes and returns its index and that prefix.
func (r *recorder) waitForAny(t testing.TB, from int, prefixes ...string) (int, string) {
	t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		evs := r.snapshot()
		for i := from; i < len(evs); i++ {
			for _, p := range prefixes {
				if strings.HasPrefix(evs[i], p) {
					return i, p
				}
			}
		}
		select {
		case <-r.changed:
		case <-deadline.C:
			t.Fatalf("no event %q after #%d; events:\n%s", prefixes, from, strings.Join(evs, "\n"))
		}
	}
}

// count returns how many events start with prefix.
func (r *recorder) count(prefix string) int {
	n := 0
	for _, ev := range r.snapshot() {
		if strings.HasPrefix(ev, prefix) {
			n++
		}
	}
	return n
}

// startServer runs a test server for one test.
func startServer(t testing.TB) *testserver.Running {
	t.Helper()
	srv, err := testserver.Start("", testserver.Options{Subprotocols: []string{"chat.v2", "chat.v1"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// fastConfig reconnects quickly and gives up on nothing.
func fastConfig() *Config {
	cfg := NewConfig()
	cfg.ReconnectInitialMillis = 20
	cfg.ReconnectMaxMillis = 50
	return cfg
}

// newTestClient returns a client closed at the end of the test.
func newTestClient(t testing.TB, url string, cfg *Config) (*Client, *recorder) {
	t.Helper()
	rec := newRecorder()
	c, err := NewClient(url, cfg, rec)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() {
		_ = c.Close()
		if rec.overlap.Load() {
			t.Error("two Listener calls ran at the same time")
		}
	})
	return c, rec
}

// closeAndCheck closes c and checks that its final OnClose, with want
// (`close 1000 "" final=true`, say), is the last event, delivered once. It
// waits for that OnClose: Close does not when a Listener method (here, the
// one that just logged what the test waited for) is still running once the
// connection is closed.
func closeAndCheck(t testing.TB, c *Client, rec *recorder, want string) {
	t.Helper()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, 0, want)
	checkLastFinal(t, rec)
}

// checkLastFinal checks that the only final OnClose is the last event.
func checkLastFinal(t testing.TB, rec *recorder) {
	t.Helper()
	evs := rec.snapshot()
	for i, ev := range evs {
		if strings.Contains(ev, "final=true") != (i == len(evs)-1) {
			t.Fatalf("final OnClose must be the last event, exactly once:\n%s", strings.Join(evs, "\n"))
		}
	}
}

// notify sends on ch without blocking (ch has capacity 1).
func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
