//go:build !js

package main

import (
	"slices"
	"time"

	"github.com/tetherws/tether/reconnect"
)

// stormBucket is the width of the storm's histogram buckets.
const stormBucket = 100 * time.Millisecond

// fleetStormRaw is one process's storm as measured, before any figure is
// drawn from it: a shard sends it to the coordinator, which re-bases every
// time onto the earliest shard's drop and merges.
type fleetStormRaw struct {
	DropUnixNano int64              `json:"drop_unix_ns"` // wall clock of the drop; the clients' times count from it
	Server       *fleetServerReport `json:"server"`       // its accepts count from its own drop_unix_ns; nil with --url
	OpensMS      []float64          `json:"opens_ms"`     // stormTimes.opens
	NoticedMS    []float64          `json:"noticed_ms"`   // stormTimes.noticed
	PlannedMS    []float64          `json:"planned_ms"`   // stormTimes.planned
	RSSKiB       int64              `json:"rss_kib"`      // RSS added since before the first client, after the storm; -1 unknown
}

// newStormRaw packs what storm measured.
func newStormRaw(dropAt int64, st stormTimes, srv *fleetServerReport, rss int64) *fleetStormRaw {
	return &fleetStormRaw{DropUnixNano: dropAt, Server: srv, OpensMS: msList(st.opens),
		NoticedMS: msList(st.noticed), PlannedMS: msList(st.planned), RSSKiB: rss}
}

// uniformShare is the share of the fleet one bucket holds when the default
// policy's first retries spread uniformly over their window, InitialDelay ±
// Jitter (1 s ± 50 %: 1 s wide).
func uniformShare() float64 {
	p := reconnect.DefaultPolicy()
	window := time.Duration(float64(p.InitialDelay) * p.Jitter * 2)
	return min(1, float64(stormBucket)/float64(window))
}

// storm records the storm from the server's accepts, or (with --url) from
// the clients' reconnect opens; a coordinator passes the shards' times merged.
// StormCPUMS must be set first.
func (r *fleetResult) storm(st stormTimes, srv *fleetServerReport) {
	times := msList(st.opens)
	r.StormSource = "client opens"
	r.StormPlannedPeak = peakShare(buckets(msList(st.planned)), r.Clients)
	if len(st.noticed) > 0 {
		r.StormNoticedLastS = slices.Max(st.noticed).Seconds()
	}
	if srv != nil {
		times, r.StormSource = srv.AcceptsMS, "server accepts"
		r.StormAttempts, r.StormReplies, r.ServerStormCPUMS, r.ServerConns = srv.Attempts, srv.Replies, srv.CPUMS, srv.Conns
	}
	r.StormBuckets = buckets(times)
	r.StormPeakShare = peakShare(r.StormBuckets, r.Clients)
	r.StormPeakOverUniform = r.StormPeakShare / r.StormUniformShare
	r.StormCPUUSPerClient = r.StormCPUMS * 1000 / float64(r.Clients)
	if r.StormCPUMS < 0 {
		r.StormCPUUSPerClient = -1
	}
}

// peakShare is the largest bucket as a share of n.
func peakShare(b []int, n int) float64 {
	if len(b) == 0 {
		return 0
	}
	return float64(slices.Max(b)) / float64(n)
}

// msList is ds in milliseconds.
func msList(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = ms(d)
	}
	return out
}

// buckets counts times (ms after the drop) per stormBucket.
func buckets(times []float64) []int {
	var out []int
	width := ms(stormBucket)
	for _, t := range times {
		i := max(0, int(t/width))
		for len(out) <= i {
			out = append(out, 0)
		}
		out[i]++
	}
	return out
}
