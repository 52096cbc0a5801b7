//go:build !js

package main

import (
	"fmt"
	"slices"
	"time"
)

// mergeShards merges the shards' "done" lines into one result over the whole
// fleet, with every figure meaning what it means for one process: dials/s
// over the slowest shard's open (they open at once), footprints, CPU and
// counts summed, and the storm's times re-based onto the earliest shard's
// drop, then drawn by the same code as one process's.
func mergeShards(cfg *fleetConfig, plan fleetPlan, lines []*fleetShardLine) *fleetResult {
	res := newFleetResult(cfg)
	res.Procs, res.procsWhy = plan.procs, plan.why
	res.Server = fmt.Sprintf("embedded, a child process per shard, %d port(s) in all", shardPorts(cfg, plan))
	var idle fleetFootprint
	var stormRSS int64
	for _, l := range lines {
		mergeFigures(res, l.Result)
		idle = idle.add(l.Idle)
		stormRSS = addKiB(stormRSS, l.Storm.RSSKiB)
	}
	res.DialsPerS = float64(res.Clients) / res.OpenS
	res.idle(idle)
	res.StormRSSKiBPerClient = perClient(stormRSS, res.Clients)
	ref, _ := dropRange(lines)
	res.storm(mergeTimes(lines, ref), mergeAccepts(lines, ref))
	res.StormAllBackS = allBack(lines, ref)
	return res
}

// shardPorts is the number of server ports of every shard together.
func shardPorts(cfg *fleetConfig, plan fleetPlan) int {
	n := 0
	for i := range plan.procs {
		n += portsFor(plan.share(i, cfg.clients))
	}
	return n
}

// mergeFigures adds one shard's figures that need no re-basing to res: the
// slowest open, the highest open-files limits, CPU and counts summed.
func mergeFigures(res, r *fleetResult) {
	res.OpenS = max(res.OpenS, r.OpenS)
	res.NoFile, res.ServerNoFile = max(res.NoFile, r.NoFile), max(res.ServerNoFile, r.ServerNoFile)
	res.HoldCPUPercent = addKnown(res.HoldCPUPercent, r.HoldCPUPercent)
	res.StormCPUMS = addKnown(res.StormCPUMS, r.StormCPUMS)
	res.Back += r.Back
	res.Lost += r.Lost
}

// dropRange is the wall clock (UnixNano) of the first shard's drop, the
// reference of every merged time, and of the last's.
func dropRange(lines []*fleetShardLine) (first, last int64) {
	first, last = lines[0].Storm.DropUnixNano, lines[0].Storm.DropUnixNano
	for _, l := range lines[1:] {
		first, last = min(first, l.Storm.DropUnixNano), max(last, l.Storm.DropUnixNano)
	}
	return first, last
}

// dropSpread is the time from the first shard's drop to the last's.
func dropSpread(lines []*fleetShardLine) time.Duration {
	first, last := dropRange(lines)
	return time.Duration(last - first).Round(time.Microsecond)
}

// mergeTimes merges the clients' times of every shard, since ref.
func mergeTimes(lines []*fleetShardLine, ref int64) stormTimes {
	var st stormTimes
	for _, l := range lines {
		off := l.Storm.DropUnixNano - ref
		st.opens = append(st.opens, rebase(l.Storm.OpensMS, off)...)
		st.noticed = append(st.noticed, rebase(l.Storm.NoticedMS, off)...)
		st.planned = append(st.planned, rebase(l.Storm.PlannedMS, off)...)
	}
	return st
}

// mergeAccepts merges the shards' server reports: every accept since ref
// (each server counts from its own drop), counts and CPU summed.
func mergeAccepts(lines []*fleetShardLine, ref int64) *fleetServerReport {
	m := &fleetServerReport{}
	for _, l := range lines {
		srv := l.Storm.Server
		m.AcceptsMS = append(m.AcceptsMS, msList(rebase(srv.AcceptsMS, srv.DropUnixNano-ref))...)
		m.Attempts += srv.Attempts
		m.Replies += srv.Replies
		m.Conns += srv.Conns
		m.CPUMS += srv.CPUMS
	}
	slices.Sort(m.AcceptsMS)
	return m
}

// rebase turns times in ms since a drop into durations since a reference
// off ns before that drop.
func rebase(times []float64, off int64) []time.Duration {
	out := make([]time.Duration, len(times))
	for i, t := range times {
		out[i] = time.Duration(off) + time.Duration(t*float64(time.Millisecond))
	}
	return out
}

// allBack is the time from ref until the last shard had every client back;
// 0 when one never had (it lost a client), as in one process.
func allBack(lines []*fleetShardLine, ref int64) float64 {
	last := 0.0
	for _, l := range lines {
		if l.Result.StormAllBackS == 0 {
			return 0
		}
		last = max(last, l.Result.StormAllBackS+time.Duration(l.Storm.DropUnixNano-ref).Seconds())
	}
	return last
}
