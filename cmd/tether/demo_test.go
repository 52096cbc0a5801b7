//go:build !js

package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// demoStory is what the demo must narrate, in this order.
var demoStory = []string{
	`subprotocol "chat.v2" agreed`,
	`echoed        "hello 1", "hello 2", "hello 3"  (in order)`,
	"the server drops every connection",
	"close         code 1006",
	"reconnecting  attempt 2 in ",
	`reconnected, subprotocol "chat.v2" agreed`,
	`flushed       "queued 1", "queued 2", "queued 3"  (in order)`,
	"confirmed     a pong answered a ping sent after them",
	"the server goes silent",
	"TIMEOUT: no sign of life",
	"close         code 4000 heartbeat timeout",
	"reconnecting  attempt 3 in ",
	`flushed       "after the silence"  (in order)`,
	"summary",
	"connection attempts  3",
	"reconnect delays",
	"heartbeats answered",
	"rtt latest",
	"messages sent        8",
	"messages received    8  (every echo, in order)",
	"messages lost        0",
	"demo OK",
}

var demoDelays = regexp.MustCompile(`reconnect delays +(.*)`)

// The demo tells its story in order, well under 20 s, with exit status 0, and
// the same backoff delays every run (seeded jitter).
func TestDemoSucceedsQuickly(t *testing.T) {
	t.Parallel()
	var delays []string
	for run := range 2 {
		began := time.Now()
		r := runText(t, nil, "demo")
		if took := time.Since(began); took > 20*time.Second {
			t.Errorf("demo took %s, want under 20 s", took)
		}
		if r.code != exitOK {
			t.Fatalf("exit %d\n%s", r.code, r)
		}
		rest := r.stdout
		for _, want := range demoStory {
			i := strings.Index(rest, want)
			if i < 0 {
				t.Fatalf("run %d: no %q (in order) in the narration\n%s", run, want, r.stdout)
			}
			rest = rest[i+len(want):]
		}
		delays = append(delays, demoDelays.FindStringSubmatch(r.stdout)[1])
	}
	if delays[0] != delays[1] {
		t.Errorf("reconnect delays differ between runs: %q, %q", delays[0], delays[1])
	}
}

func TestBenchPrintsTable(t *testing.T) {
	t.Parallel()
	r := runText(t, nil, "bench", "--duration", "50ms", "--sizes", "32,1024")
	if r.code != exitOK || !strings.Contains(r.stdout, "ratio") || !strings.Contains(r.stdout, "1 KiB") {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
}
