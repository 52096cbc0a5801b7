//go:build !js

package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/testserver"
)

// fleetFields are the fields every --json report of tether bench fleet has.
var fleetFields = []string{
	"clients", "procs", "server", "gomaxprocs", "nofile", "server_nofile", "jitter", "server_reply",
	"open_s", "dials_per_s", "hold_s",
	"rss_kib_per_client", "rss_scavenged_kib_per_client", "heap_kib_per_client",
	"stack_kib_per_client", "goroutines_per_client", "hold_cpu_percent",
	"storm_source", "storm_peak_share_100ms", "storm_uniform_share_100ms", "storm_peak_over_uniform",
	"storm_buckets_100ms", "storm_planned_peak_share_100ms", "storm_noticed_last_s",
	"storm_all_back_s", "storm_attempts", "storm_replies", "storm_cpu_ms", "storm_cpu_us_per_client",
	"server_storm_cpu_ms", "storm_rss_kib_per_client", "server_conns", "back", "lost",
}

// fleetReport is the part of the report the tests check.
type fleetReport struct {
	Clients       int     `json:"clients"`
	Procs         int     `json:"procs"`
	Jitter        bool    `json:"jitter"`
	ServerReply   string  `json:"server_reply"`
	StormSource   string  `json:"storm_source"`
	Buckets       []int   `json:"storm_buckets_100ms"`
	Attempts      int     `json:"storm_attempts"`
	Replies       int     `json:"storm_replies"`
	ServerConns   int     `json:"server_conns"`
	Back          int     `json:"back"`
	Lost          int     `json:"lost"`
	UniformShare  float64 `json:"storm_uniform_share_100ms"`
	GoroutinesPer float64 `json:"goroutines_per_client"`
}

// runFleetJSON runs tether bench fleet --json with args and checks that stdout
// is one JSON object with every field.
func runFleetJSON(t *testing.T, args ...string) fleetReport {
	t.Helper()
	r := runText(t, nil, append([]string{"bench", "fleet", "--json", "--hold", "100ms"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("exit %d, want 0\n%s", r.code, r)
	}
	out := strings.TrimSpace(r.stdout)
	if strings.Count(out, "\n") != 0 {
		t.Fatalf("want one JSON line on stdout, got:\n%s", out)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &fields); err != nil {
		t.Fatalf("stdout is not a JSON object: %v\n%s", err, out)
	}
	for _, f := range fleetFields {
		if _, ok := fields[f]; !ok {
			t.Errorf("field %q missing from %s", f, out)
		}
	}
	var rep fleetReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// checkAllBack checks that the counts add up: every client back, none lost,
// and (seen by the server) one real accept per client after the drop.
func checkAllBack(t *testing.T, rep fleetReport, clients int) {
	t.Helper()
	sum := 0
	for _, n := range rep.Buckets {
		sum += n
	}
	switch {
	case rep.Clients != clients || rep.Back != clients || rep.Lost != 0:
		t.Errorf("clients %d, back %d, lost %d: want %d, %d, 0", rep.Clients, rep.Back, rep.Lost, clients, clients)
	case rep.StormSource == "server accepts" && (sum != clients || rep.ServerConns != clients):
		t.Errorf("server accepts after the drop %d, open %d: want %d each", sum, rep.ServerConns, clients)
	case rep.StormSource == "client opens" && sum < clients:
		t.Errorf("client reopens %d: want at least %d", sum, clients)
	case rep.UniformShare != 0.1:
		t.Errorf("uniform share %v: want 0.1 (100 ms of the default 1 s window)", rep.UniformShare)
	case rep.GoroutinesPer <= 0:
		t.Errorf("goroutines per client %v: want > 0 (each has one in Receive)", rep.GoroutinesPer)
	}
}

func TestFleetEmbedded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		args    []string
		replies int
	}{
		{"default", nil, 0},
		{"no jitter", []string{"--no-jitter"}, 0},
		{"retry-after", []string{"--server-reply", "retry-after"}, 20},
		{"1013", []string{"--server-reply", "1013"}, 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := runFleetJSON(t, append([]string{"--clients", "20"}, tc.args...)...)
			checkAllBack(t, rep, 20)
			if rep.Procs != 1 {
				t.Errorf("procs %d: want 1 (20 clients fit in one process)", rep.Procs)
			}
			if rep.Replies != tc.replies || rep.Attempts < 20+tc.replies {
				t.Errorf("replies %d, attempts %d: want %d and at least %d", rep.Replies, rep.Attempts, tc.replies, 20+tc.replies)
			}
			if rep.Jitter == slices.Contains(tc.args, "--no-jitter") {
				t.Errorf("jitter %v with args %q", rep.Jitter, tc.args)
			}
		})
	}
}

func TestFleetURL(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	rep := runFleetJSON(t, "--clients", "20", "--url", srv.URL("/echo"))
	checkAllBack(t, rep, 20)
	if rep.StormSource != "client opens" || rep.Attempts != -1 {
		t.Errorf("storm source %q, attempts %d: want client opens and -1 (unknown)", rep.StormSource, rep.Attempts)
	}
}

func TestFleetTable(t *testing.T) {
	t.Parallel()
	r := runText(t, nil, "bench", "fleet", "--clients", "5", "--hold", "0s")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	for _, want := range []string{"5 idle sdk clients", "dials/s", "goroutines per client", "all back after",
		"5 of 5 open, 0 lost", "largest 100 ms bucket", "server accepts per 100 ms"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in the table:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, " processes of at most ") {
		t.Errorf("an \"in K processes\" line in one process's table:\n%s", r.stdout)
	}
}

func TestFleetUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no clients", nil, "--clients N"},
		{"zero clients", []string{"--clients", "0"}, "--clients N"},
		{"too many clients", []string{"--clients", "1000001"}, "from 1 to 1000000"},
		{"bad clients", []string{"--clients", "many"}, "-clients: invalid value"},
		{"negative hold", []string{"--clients", "1", "--hold", "-1s"}, "--hold -1s"},
		{"bad reply", []string{"--clients", "1", "--server-reply", "503"}, "none, 1013 or retry-after"},
		{"url scheme", []string{"--clients", "1", "--url", "http://127.0.0.1:1/echo"}, "--url: want ws://"},
		{"url not loopback", []string{"--clients", "1", "--url", "ws://192.0.2.1/echo"}, "loopback"},
		{"url user info", []string{"--clients", "1", "--url", "ws://u:secret@127.0.0.1/echo"}, "user info"},
		{"url with reply", []string{"--clients", "1", "--url", "ws://127.0.0.1:1/echo", "--server-reply", "1013"}, "embedded server"},
		{"negative procs", []string{"--clients", "10", "--procs", "-1"}, "--procs K: want a number of processes from 1 to 64"},
		{"too many procs", []string{"--clients", "100", "--procs", "65"}, "--procs K: want a number of processes from 1 to 64"},
		{"more procs than clients", []string{"--clients", "2", "--procs", "3"}, "--procs 3: more processes than clients (2)"},
		{"url with procs", []string{"--clients", "10", "--url", "ws://127.0.0.1:1/echo", "--procs", "2"}, "--url runs in one process"},
		{"extra argument", []string{"--clients", "1", "extra"}, `unexpected argument "extra"`},
		{"unknown flag", []string{"--clients", "1", "--bogus"}, "unknown flag --bogus"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runInProcess(t, nil, append([]string{"bench", "fleet"}, tc.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, "tether bench fleet --help") {
				t.Fatalf("exit %d, want 2 with %q and the help hint in stderr\n%s", r.code, tc.want, r)
			}
			if strings.Contains(r.stderr, "secret") {
				t.Fatalf("a credential leaked:\n%s", r)
			}
		})
	}
}

func TestFleetHelp(t *testing.T) {
	t.Parallel()
	r := runInProcess(t, nil, "bench", "fleet", "--help")
	if r.code != exitOK || !strings.Contains(r.stdout, "Usage: tether bench fleet --clients N") {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
}

func TestFleetBuckets(t *testing.T) {
	t.Parallel()
	got := buckets([]float64{0, 99.9, 100, 250, 1999})
	want := make([]int, 20)
	want[0], want[1], want[2], want[19] = 2, 1, 1, 1
	if !slices.Equal(got, want) {
		t.Fatalf("buckets = %v, want %v", got, want)
	}
	if s := peakShare(got, 10); s != 0.2 {
		t.Fatalf("peak share %v, want 0.2", s)
	}
}
