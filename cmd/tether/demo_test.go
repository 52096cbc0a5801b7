//go:build !js

package main

import (
	"strings"
	"testing"
	"time"
)

func TestDemoSucceedsQuickly(t *testing.T) {
	t.Parallel()
	began := time.Now()
	r := runText(t, nil, "demo")
	took := time.Since(began)
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	if took > 30*time.Second {
		t.Errorf("demo took %s, want under 30 s", took)
	}
	for _, want := range []string{
		`subprotocol "chat.v2" agreed`, "reconnecting", `"queued 1", "queued 2", "queued 3"  (in order)`,
		"TIMEOUT", "messages lost        0", "demo OK",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in the narration\n%s", want, r.stdout)
		}
	}
}

func TestBenchPrintsTable(t *testing.T) {
	t.Parallel()
	r := runText(t, nil, "bench", "--duration", "50ms", "--sizes", "32,1024")
	if r.code != exitOK || !strings.Contains(r.stdout, "ratio") || !strings.Contains(r.stdout, "1 KiB") {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
}
