//go:build !js

package loss

import (
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/faultproxy"
	"github.com/tetherws/tether/tests/loss/sender"
)

// defaultSeed is the audit's fault schedule unless LOSS_SEED says otherwise.
const defaultSeed = 14

// seed returns the schedule's seed: LOSS_SEED, or defaultSeed.
func seed(t *testing.T) int64 {
	s := os.Getenv("LOSS_SEED")
	if s == "" {
		return defaultSeed
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("LOSS_SEED=%q: %v", s, err)
	}
	return n
}

// env is one audit's path: clients → faultproxy → staller → recorder.
type env struct {
	rec   *recorder
	stall *staller
	proxy *faultproxy.Proxy
	url   string
	done  bool
}

func startEnv(t *testing.T) *env {
	t.Helper()
	rec, err := startRecorder()
	if err != nil {
		t.Fatal(err)
	}
	e := &env{rec: rec}
	t.Cleanup(func() { e.finish(t) })
	if e.stall, err = startStaller(rec.addr()); err != nil {
		t.Fatal(err)
	}
	if e.proxy, err = faultproxy.New(e.stall.addr()); err != nil {
		t.Fatal(err)
	}
	e.url = e.proxy.URL("ws", "/loss")
	return e
}

// finish closes every path to the server and waits until the server has
// read all it will read.
func (e *env) finish(t *testing.T) {
	if e.done {
		return
	}
	e.done = true
	if e.proxy != nil {
		_ = e.proxy.Close()
	}
	if e.stall != nil {
		e.stall.close()
	}
	if err := e.rec.finish(20 * time.Second); err != nil {
		t.Error(err)
	}
}

// runSchedule plans the faults for seed, logs them and applies them. It
// returns when the clients are to be closed, with the last fault under way
// (undo ends it once they are), and the faults with a pseudo-fault "close"
// from that moment, for attribution.
func (e *env) runSchedule(t *testing.T, seed int64) (fs []fault, undo func()) {
	fs = plan(seed)
	t.Logf("seed %d: %d faults: %s", seed, len(fs), describe(fs))
	fs, undo = injector{proxy: e.proxy, stall: e.stall}.run(fs)
	return append(fs, fault{kind: "close", start: time.Now().UnixMilli()}), undo
}

// audit checks every report against the server's reads and logs the
// figures per policy under name (native, wasm).
func (e *env) audit(t *testing.T, name string, reps []*sender.Report, fs []fault) {
	logs := e.rec.logs()
	groups := map[string]*tally{"resend": newTally(), "handback": newTally()}
	known := map[string]bool{}
	for _, rep := range reps {
		known[rep.ID] = true
		groups[rep.Policy].audit(rep, logs[rep.ID], fs)
	}
	for id, reads := range logs {
		if !known[id] && len(reads) > 0 {
			t.Errorf("the server read %d messages from unknown client %q", len(reads), id)
		}
	}
	if n := e.rec.garbage.Load(); n > 0 {
		t.Logf("%s: %d data messages the server could not parse (a stream resumed after a black hole)", name, n)
	}
	for _, p := range []string{"resend", "handback"} {
		groups[p].report(t, name+" "+p)
	}
	for _, p := range []string{"resend", "handback"} {
		groups[p].check(t, name+" "+p, p == "handback")
	}
}

// waitOrDump waits for done; after timeout it fails the test with every
// goroutine's stack (a Close that never returns is a finding).
func waitOrDump(t *testing.T, done <-chan struct{}, timeout time.Duration, what string) {
	t.Helper()
	tm := time.NewTimer(timeout)
	defer tm.Stop()
	select {
	case <-done:
	case <-tm.C:
		buf := make([]byte, 1<<20)
		t.Fatalf("%s: not done after %v\n%s", what, timeout, buf[:runtime.Stack(buf, true)])
	}
}
