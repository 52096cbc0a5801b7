//go:build !js

package loss

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tetherws/tether/tests/loss/sender"
)

// TestLossAuditNative runs eight native clients (re-send and hand-back,
// Enqueue and Send, two each; protocol-ping heartbeat 200 ms / 400 ms)
// through the seeded fault schedule and audits every message.
func TestLossAuditNative(t *testing.T) {
	seed := seed(t)
	e := startEnv(t)
	var cfgs []sender.Config
	opened := make(chan string, 16)
	for _, handBack := range []bool{false, true} {
		for _, useSend := range []bool{false, true} {
			for i := range 2 {
				id := fmt.Sprintf("n%s%s%d", map[bool]string{false: "r", true: "h"}[handBack],
					map[bool]string{false: "e", true: "s"}[useSend], i)
				cfgs = append(cfgs, sender.Config{URL: e.url, ID: id, HandBack: handBack, UseSend: useSend,
					OnFirstOpen: func() { opened <- id }})
			}
		}
	}
	stop := make(chan struct{})
	reps := make([]*sender.Report, len(cfgs))
	errs := make([]error, len(cfgs))
	var wg sync.WaitGroup
	for i, cfg := range cfgs {
		wg.Add(1)
		go func() { defer wg.Done(); reps[i], errs[i] = sender.Run(cfg, stop) }()
	}
	clientsDone := make(chan struct{})
	go func() { wg.Wait(); close(clientsDone) }()
	stopClients := sync.OnceFunc(func() { close(stop) })
	defer stopClients() // on a failure before the end
	awaitOpens(t, opened, len(cfgs))
	start := time.Now()
	fs, undo := e.runSchedule(t, seed)
	stopClients()
	waitOrDump(t, clientsDone, 30*time.Second, "closing the clients")
	undo()
	t.Logf("faults and Close took %v", time.Since(start).Round(time.Millisecond))
	for i, err := range errs {
		if err != nil {
			t.Fatalf("client %s: %v", cfgs[i].ID, err)
		}
	}
	e.finish(t)
	e.audit(t, "native", reps, fs)
}

// awaitOpens waits until n clients have reported their first open.
func awaitOpens(t *testing.T, opened <-chan string, n int) {
	t.Helper()
	tm := time.NewTimer(30 * time.Second)
	defer tm.Stop()
	for seen := 0; seen < n; seen++ {
		select {
		case <-opened:
		case <-tm.C:
			t.Fatalf("only %d of %d clients opened", seen, n)
		}
	}
}
