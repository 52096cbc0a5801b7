//go:build !js

package main

import (
	"math"
	"slices"
	"testing"
	"time"
)

// mergeOrigin is the fake shards' reference wall clock (UnixNano).
const mergeOrigin = int64(1_700_000_000_000_000_000)

// fakeShard is a shard's "done" line for 2 clients: its clients dropped at
// dropMS and its server at serverMS (ms after mergeOrigin); accepts and
// noticed count from those drops, as a shard's do.
func fakeShard(dropMS, serverMS float64, accepts, noticed []float64, allBackS float64) *fleetShardLine {
	at := func(ms float64) int64 { return mergeOrigin + int64(ms*float64(time.Millisecond)) }
	return &fleetShardLine{
		Phase:  shardDone,
		Result: &fleetResult{Clients: 2, OpenS: 0.5, NoFile: 3048, ServerNoFile: 3048, HoldCPUPercent: 2, StormCPUMS: 10, StormAllBackS: allBackS, Back: 2},
		Idle:   fleetFootprint{RSSKiB: 4000, RSSScavengedKiB: 3000, HeapBytes: 4096, StackBytes: 8192, Goroutines: 2},
		Storm: &fleetStormRaw{DropUnixNano: at(dropMS), OpensMS: accepts, NoticedMS: noticed, PlannedMS: accepts, RSSKiB: 8000,
			Server: &fleetServerReport{AcceptsMS: accepts, Attempts: 3, Conns: 2, CPUMS: 5, DropUnixNano: at(serverMS)}},
	}
}

// twoShards are two shards whose accepts all fall in the 900 ms bucket once
// counted from the earliest drop (shard a's, at 0), each server's from its
// own drop; shard b has every client back last, 1 s after that drop.
func twoShards() []*fleetShardLine {
	a := fakeShard(0, 1, []float64{900, 950}, []float64{10, 20}, 0.96)
	b := fakeShard(50, 80, []float64{820, 869}, []float64{5, 6}, 0.95)
	b.Result.OpenS, b.Idle.RSSKiB, b.Storm.RSSKiB, b.Result.StormCPUMS = 2, 6000, 0, 30
	return []*fleetShardLine{a, b}
}

// near says whether two merged figures are equal but for rounding.
func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestFleetMergeStorm(t *testing.T) {
	t.Parallel()
	res := mergeShards(&fleetConfig{clients: 4, hold: time.Second}, fleetPlan{procs: 2, why: "--procs 2"}, twoShards())
	want := make([]int, 10)
	want[9] = 4
	if !slices.Equal(res.StormBuckets, want) || res.StormPeakShare != 1 || res.StormSource != "server accepts" {
		t.Errorf("buckets %v, peak share %v (%s): want %v and 1 (every accept at 900-1000 ms after the earliest drop)",
			res.StormBuckets, res.StormPeakShare, res.StormSource, want)
	}
	if !near(res.StormAllBackS, 1.0) || !near(res.StormNoticedLastS, 0.056) || !near(res.StormPlannedPeak, 0.75) {
		t.Errorf("all back %v s, last noticed %v s, planned peak %v: want 1, 0.056, 0.75 (shard b is 50 ms late)",
			res.StormAllBackS, res.StormNoticedLastS, res.StormPlannedPeak)
	}
	if res.StormAttempts != 6 || res.ServerConns != 4 || res.ServerStormCPUMS != 10 || res.Lost != 0 || res.Back != 4 {
		t.Errorf("attempts %d, conns %d, server CPU %v, lost %d, back %d: want 6, 4, 10, 0, 4",
			res.StormAttempts, res.ServerConns, res.ServerStormCPUMS, res.Lost, res.Back)
	}
}

func TestFleetMergeFigures(t *testing.T) {
	t.Parallel()
	res := mergeShards(&fleetConfig{clients: 4, hold: time.Second}, fleetPlan{procs: 2, why: "--procs 2"}, twoShards())
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"open s (the slowest shard's)", res.OpenS, 2},
		{"dials/s", res.DialsPerS, 2},
		{"RSS KiB per client", res.RSSKiBPerClient, 2500},
		{"scavenged RSS KiB per client", res.RSSScavengedKiBPerClient, 1500},
		{"heap KiB per client", res.HeapKiBPerClient, 2},
		{"stack KiB per client", res.StackKiBPerClient, 4},
		{"goroutines per client", res.GoroutinesPerClient, 1},
		{"storm RSS KiB per client", res.StormRSSKiBPerClient, 2000},
		{"hold CPU %", res.HoldCPUPercent, 4},
		{"storm CPU µs per client", res.StormCPUUSPerClient, 10_000},
	} {
		if !near(c.got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	if res.Clients != 4 || res.Procs != 2 || res.NoFile != 3048 || res.Server != "embedded, a child process per shard, 2 port(s) in all" {
		t.Errorf("clients %d, procs %d, nofile %d, server %q", res.Clients, res.Procs, res.NoFile, res.Server)
	}
}

func TestFleetMergeLostAndUnknown(t *testing.T) {
	t.Parallel()
	lines := append(twoShards(), fakeShard(20, 21, []float64{1000}, []float64{7}, 0))
	lines[2].Result.Lost, lines[2].Result.Back = 1, 1
	lines[2].Result.HoldCPUPercent, lines[2].Idle.RSSKiB = -1, -1
	res := mergeShards(&fleetConfig{clients: 6, hold: time.Second}, fleetPlan{procs: 3}, lines)
	if res.Lost != 1 || res.Back != 5 || res.StormAllBackS != 0 {
		t.Errorf("lost %d, back %d, all back %v s: want 1, 5 and 0 (not every client came back)", res.Lost, res.Back, res.StormAllBackS)
	}
	if res.HoldCPUPercent != -1 || res.RSSKiBPerClient != -1 || res.RSSScavengedKiBPerClient == -1 {
		t.Errorf("hold CPU %v, RSS per client %v, scavenged %v: want -1, -1 (a shard's is unknown) and known",
			res.HoldCPUPercent, res.RSSKiBPerClient, res.RSSScavengedKiBPerClient)
	}
}

func TestFleetPlan(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		clients int
		limit   uint64
		procs   int
	}{
		{300, 20_000, 1},
		{18_976, 20_000, 1},
		{18_977, 20_000, 2},
		{30_000, 20_000, 2},
		{100_000, 20_000, 6},
		{100_000, 1024, 1},   // nothing fits: one process, which refuses
		{100_000, 2_600, 64}, // the most --procs allows
		{3, 1025, 3},
	} {
		if got := procsUnder(c.clients, c.limit); got != c.procs {
			t.Errorf("procsUnder(%d, %d) = %d, want %d", c.clients, c.limit, got, c.procs)
		}
	}
	p := fleetPlan{procs: 3}
	if got := []int{p.share(0, 10), p.share(1, 10), p.share(2, 10)}; !slices.Equal(got, []int{4, 3, 3}) {
		t.Errorf("shares of 10 over 3: %v, want [4 3 3]", got)
	}
}
