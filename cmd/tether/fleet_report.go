//go:build !js

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"
)

// fleetResult is what tether bench fleet measured; its JSON is the --json
// output. Per-client figures are process-wide deltas from before the first
// client (summed over the shards' processes when there are several), divided
// by the number of clients; -1 means unknown on this platform (RSS and CPU
// are read on Linux only).
type fleetResult struct {
	Clients      int    `json:"clients"`
	Procs        int    `json:"procs"` // processes the clients ran in (shards; 1: this one)
	Server       string `json:"server"`
	GoMaxProcs   int    `json:"gomaxprocs"`
	NoFile       uint64 `json:"nofile"`
	ServerNoFile uint64 `json:"server_nofile"`
	Jitter       bool   `json:"jitter"`
	ServerReply  string `json:"server_reply"`

	OpenS     float64 `json:"open_s"`
	DialsPerS float64 `json:"dials_per_s"`

	HoldS                    float64 `json:"hold_s"`
	RSSKiBPerClient          float64 `json:"rss_kib_per_client"`
	RSSScavengedKiBPerClient float64 `json:"rss_scavenged_kib_per_client"`
	HeapKiBPerClient         float64 `json:"heap_kib_per_client"`
	StackKiBPerClient        float64 `json:"stack_kib_per_client"`
	GoroutinesPerClient      float64 `json:"goroutines_per_client"`
	HoldCPUPercent           float64 `json:"hold_cpu_percent"`

	StormSource          string  `json:"storm_source"`
	StormPeakShare       float64 `json:"storm_peak_share_100ms"`
	StormUniformShare    float64 `json:"storm_uniform_share_100ms"`
	StormPeakOverUniform float64 `json:"storm_peak_over_uniform"`
	StormBuckets         []int   `json:"storm_buckets_100ms"`
	StormPlannedPeak     float64 `json:"storm_planned_peak_share_100ms"`
	StormNoticedLastS    float64 `json:"storm_noticed_last_s"`
	StormAllBackS        float64 `json:"storm_all_back_s"`
	StormAttempts        int     `json:"storm_attempts"`
	StormReplies         int     `json:"storm_replies"`
	StormCPUMS           float64 `json:"storm_cpu_ms"`
	StormCPUUSPerClient  float64 `json:"storm_cpu_us_per_client"`
	ServerStormCPUMS     float64 `json:"server_storm_cpu_ms"`
	StormRSSKiBPerClient float64 `json:"storm_rss_kib_per_client"`
	ServerConns          int     `json:"server_conns"`
	Back                 int     `json:"back"`
	Lost                 int     `json:"lost"`

	base      fleetSample    // before the first client
	footprint fleetFootprint // the idle fleet's, whole: what a shard reports
	procsWhy  string         // why Procs > 1, for the table
}

// newFleetResult returns a result for cfg with nothing measured yet: the
// figures only a server or a platform gives start unknown (-1).
func newFleetResult(cfg *fleetConfig) *fleetResult {
	return &fleetResult{Clients: cfg.clients, Procs: 1, GoMaxProcs: runtime.GOMAXPROCS(0), Jitter: !cfg.noJitter,
		ServerReply: cfg.reply, HoldS: cfg.hold.Seconds(), StormUniformShare: uniformShare(),
		StormAttempts: -1, StormReplies: -1, ServerStormCPUMS: -1, ServerConns: -1}
}

// idle records the footprint of the idle fleet, and its share per client.
func (r *fleetResult) idle(fp fleetFootprint) {
	n := float64(r.Clients)
	r.footprint = fp
	r.RSSKiBPerClient = perClient(fp.RSSKiB, r.Clients)
	r.RSSScavengedKiBPerClient = perClient(fp.RSSScavengedKiB, r.Clients)
	r.HeapKiBPerClient = float64(fp.HeapBytes) / 1024 / n
	r.StackKiBPerClient = float64(fp.StackBytes) / 1024 / n
	r.GoroutinesPerClient = float64(fp.Goroutines) / n
}

// printFleetJSON prints r as one JSON line (--json).
func printFleetJSON(w io.Writer, r *fleetResult) {
	b, _ := json.Marshal(r)
	fmt.Fprintf(w, "%s\n", b)
}

// printFleetTable prints r as a table.
func printFleetTable(w io.Writer, r *fleetResult) {
	printFleetSetup(w, r)
	row := func(k, format string, args ...any) {
		fmt.Fprintf(w, "  %-28s "+format+"\n", append([]any{k}, args...)...)
	}
	row("open", "%.2f s, %.0f dials/s", r.OpenS, r.DialsPerS)
	row("per idle client", "%.1f KiB RSS (%.1f after returning free pages), %.1f KiB heap, %.1f KiB stacks",
		r.RSSKiBPerClient, r.RSSScavengedKiBPerClient, r.HeapKiBPerClient, r.StackKiBPerClient)
	row("goroutines per client", "%.2f", r.GoroutinesPerClient)
	row("CPU while idle", "%.1f%% of one core over %.1f s", r.HoldCPUPercent, r.HoldS)
	fmt.Fprintf(w, "\nstorm: the server dropped every connection at once (reply to first attempts: %s)\n", r.ServerReply)
	row("all back after", "%.2f s (%d of %d open, %d lost)", r.StormAllBackS, r.Back, r.Clients, r.Lost)
	row("largest 100 ms bucket", "%.1f%% of clients (uniform spread: %.1f%%, ratio %.2f; %s)",
		100*r.StormPeakShare, 100*r.StormUniformShare, r.StormPeakOverUniform, r.StormSource)
	row("clients' own schedule", "last saw the loss after %.2f s; largest 100 ms bucket of planned first retries %.1f%%",
		r.StormNoticedLastS, 100*r.StormPlannedPeak)
	if r.StormAttempts >= 0 {
		row("server saw", "%d handshakes after the drop, %d answered per --server-reply, %d open now",
			r.StormAttempts, r.StormReplies, r.ServerConns)
	}
	row("CPU", "%.0f ms clients (%.1f µs per client), %.0f ms server", r.StormCPUMS, r.StormCPUUSPerClient, r.ServerStormCPUMS)
	row("RSS per client, storm", "%.1f KiB", r.StormRSSKiBPerClient)
	fmt.Fprintf(w, "\n%s per 100 ms after the drop:\n%s\n", r.StormSource, histogram(r.StormBuckets, r.Clients))
}

// printFleetSetup prints what ran: the fleet, the server, the limits, and
// the processes when there were several.
func printFleetSetup(w io.Writer, r *fleetResult) {
	jitter := "default policy (1 s ±50% first delay)"
	if !r.Jitter {
		jitter = "no jitter (Jitter -1)"
	}
	fmt.Fprintf(w, "%d idle sdk clients, default options; %s; server: %s\n", r.Clients, jitter, r.Server)
	fmt.Fprintf(w, "GOMAXPROCS %d, open files %d (server %d)\n", r.GoMaxProcs, r.NoFile, r.ServerNoFile)
	if r.Procs > 1 {
		fmt.Fprintf(w, "in %d processes of at most %d clients each, each with its own server child (%s)\n",
			r.Procs, fleetPlan{procs: r.Procs}.share(0, r.Clients), r.procsWhy)
	}
	fmt.Fprintln(w)
}

// histogram draws one line per non-empty bucket, with a bar scaled to the
// fleet (50 characters = every client).
func histogram(b []int, n int) string {
	var sb strings.Builder
	for i, c := range b {
		if c == 0 {
			continue
		}
		bar := strings.Repeat("#", max(1, c*50/n))
		fmt.Fprintf(&sb, "  %5d ms %7d %s\n", i*int(stormBucket/time.Millisecond), c, bar)
	}
	return strings.TrimSuffix(sb.String(), "\n")
}
