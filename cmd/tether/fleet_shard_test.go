//go:build !js

package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFleetSharded(t *testing.T) {
	t.Parallel()
	rep := runFleetJSON(t, "--clients", "300", "--procs", "2")
	checkAllBack(t, rep, 300)
	if rep.Procs != 2 || rep.StormSource != "server accepts" || rep.Attempts < 300 {
		t.Errorf("procs %d, storm source %q, attempts %d: want 2, server accepts, at least 300",
			rep.Procs, rep.StormSource, rep.Attempts)
	}
}

func TestFleetShardedTable(t *testing.T) {
	t.Parallel()
	r := runText(t, nil, "bench", "fleet", "--clients", "11", "--procs", "2", "--hold", "0s")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	for _, want := range []string{"11 idle sdk clients", "a child process per shard, 2 port(s) in all",
		"in 2 processes of at most 6 clients each, each with its own server child (--procs 2)", "11 of 11 open, 0 lost"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in the table:\n%s", want, r.stdout)
		}
	}
	for _, want := range []string{"shard 1/2: tether bench fleet: opening 6 clients",
		"shard 2/2: tether bench fleet: opening 5 clients", "every shard holds its clients"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("no %q in stderr:\n%s", want, r.stderr)
		}
	}
}

// shardLines runs tether as a shard of clients with stdin and decodes the
// lines it prints.
func shardLines(t *testing.T, clients, stdin string) (int, []fleetShardLine) {
	t.Helper()
	p := startEnv(t, []string{fleetRoleEnv + "=" + roleShard}, strings.NewReader(stdin),
		"bench", "fleet", "--clients", clients, "--hold", "0s")
	code := p.wait()
	var lines []fleetShardLine
	for l := range strings.SplitSeq(strings.TrimSpace(p.stdout()), "\n") {
		var sl fleetShardLine
		if err := json.Unmarshal([]byte(l), &sl); err != nil {
			t.Fatalf("line %q: %v\nstderr:\n%s", l, err, p.stderr.String())
		}
		lines = append(lines, sl)
	}
	return code, lines
}

func TestFleetShardProtocol(t *testing.T) {
	t.Parallel()
	code, lines := shardLines(t, "7", "drop\n")
	if code != exitOK || len(lines) != 2 || lines[0].Phase != shardHeld || lines[1].Phase != shardDone {
		t.Fatalf("exit %d, lines %+v: want 0 and a held then a done line", code, lines)
	}
	if g := lines[1].Idle.Goroutines; g < 7 {
		t.Errorf("done: idle goroutines %d, want at least 7 (one per client)", g)
	}
	if lines[0].Result != nil || lines[0].Idle != (fleetFootprint{}) {
		t.Errorf("held: %+v, want its phase alone", lines[0])
	}
	st := lines[1].Storm
	switch {
	case st == nil || st.Server == nil:
		t.Fatalf("done: no storm or no server report: %+v", lines[1])
	case st.DropUnixNano == 0 || st.Server.DropUnixNano < st.DropUnixNano:
		t.Errorf("drops at %d (clients) and %d (server): want both, the server's after", st.DropUnixNano, st.Server.DropUnixNano)
	case len(st.Server.AcceptsMS) != 7 || len(st.OpensMS) < 7 || len(st.NoticedMS) != 7 || len(st.PlannedMS) != 7:
		t.Errorf("accepts %d, opens %d, noticed %d, planned %d: want 7 each (opens at least)",
			len(st.Server.AcceptsMS), len(st.OpensMS), len(st.NoticedMS), len(st.PlannedMS))
	case lines[1].Result.Clients != 7 || lines[1].Result.Lost != 0:
		t.Errorf("result %+v: want 7 clients, none lost", lines[1].Result)
	}
}

func TestFleetShardWithoutDrop(t *testing.T) {
	t.Parallel()
	code, lines := shardLines(t, "3", "")
	if code != exitFailed || len(lines) != 2 || lines[0].Phase != shardHeld || lines[1].Phase != shardFailed ||
		!strings.Contains(lines[1].Error, "ended before the drop") {
		t.Fatalf("exit %d, lines %+v: want 1, a held line, then a failed one", code, lines)
	}
}

func TestFleetShardReadErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ out, phase, want string }{
		{`{"phase":"failed","error":"dial of client 1 failed"}`, shardHeld, "shard 2 of 3 (5 clients): dial of client 1 failed"},
		{``, shardHeld, "shard 2 of 3 (5 clients): it ended without a report"},
		{`{"phase":"done","result":{}}`, shardHeld, `a "done" line where a whole "held" line was due`},
		{`{"phase":"done","result":{}}`, shardDone, `a "done" line where a whole "done" line was due`},
		{`{"phase":"done","storm":{}}`, shardDone, `a "done" line where a whole "done" line was due`},
	} {
		s := &fleetShard{num: 2, of: 3, clients: 5, fleetChild: &fleetChild{dec: json.NewDecoder(strings.NewReader(tc.out))}}
		if _, err := s.read(tc.phase); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("read %s of %q: %v, want %q", tc.phase, tc.out, err, tc.want)
		}
	}
	s := &fleetShard{fleetChild: &fleetChild{dec: json.NewDecoder(strings.NewReader(`{"phase":"held"}`))}}
	if _, err := s.read(shardHeld); err != nil {
		t.Errorf("read of a held line: %v, want its phase alone to do", err)
	}
}

func TestFleetPrefixWriter(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	p := &prefixWriter{w: &out, prefix: "shard 1/2: "}
	for _, s := range []string{"one\ntw", "o\n", "", "three"} {
		if n, err := p.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	p.flush()
	if want := "shard 1/2: one\nshard 1/2: two\nshard 1/2: three\n"; out.String() != want {
		t.Fatalf("wrote %q, want %q", out.String(), want)
	}
}
