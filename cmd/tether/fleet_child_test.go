//go:build !js

package main

import (
	"errors"
	"io"
	"os/exec"
	"testing"
	"time"
)

// testChild starts name args as a fleetChild.
func testChild(t *testing.T, name string, args ...string) *fleetChild {
	t.Helper()
	c, err := startCmd(exec.Command(name, args...))
	if err != nil {
		t.Skipf("%s: %v", name, err)
	}
	return c
}

func TestFleetChildEnd(t *testing.T) {
	t.Parallel()
	if err := testChild(t, "sleep", "60").end(100 * time.Millisecond); !errors.Is(err, errChildKilled) {
		t.Errorf("end of sleep 60 with a 100 ms grace: %v, want %v", err, errChildKilled)
	}
	if err := testChild(t, "cat").end(time.Minute); err != nil {
		t.Errorf("end of cat: %v, want nil", err)
	}
}

func TestFleetChildEndDrains(t *testing.T) {
	t.Parallel()
	// 1 MiB on stdout, unread: the child exits only if end reads it.
	c := testChild(t, "sh", "-c", "head -c 1048576 /dev/zero; cat >/dev/null")
	if err := c.end(time.Minute); err != nil {
		t.Errorf("end of a child with unread output: %v, want nil", err)
	}
}

func TestFleetShardFailsEarly(t *testing.T) {
	t.Parallel()
	shard := func(num int, name string, args ...string) *fleetShard {
		return &fleetShard{fleetChild: testChild(t, name, args...), num: num, of: 3, clients: 1,
			stderr: &prefixWriter{w: io.Discard}}
	}
	shards := []*fleetShard{shard(1, "sleep", "60"),
		shard(2, "echo", `{"phase":"failed","error":"boom"}`), shard(3, "sleep", "60")}
	start := time.Now()
	_, err := readShards(shards, shardHeld)
	if closed := closeShards(shards); closed != nil {
		t.Errorf("closeShards: %v, want nil", closed)
	}
	if err == nil || err.Error() != "shard 2 of 3 (1 clients): boom" {
		t.Errorf("readShards: %v, want shard 2's error alone", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("the coordinator took %s to give up, want it at once", d)
	}
}
