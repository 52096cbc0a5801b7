//go:build !js

package main

import (
	"runtime"
	"runtime/debug"
	"time"

	"github.com/tetherws/tether/internal/procstat"
)

// fleetSample is the process's footprint at one moment.
type fleetSample struct {
	rss, rssScavenged int64 // KiB; -1 when unknown
	heap, stack       uint64
	goroutines        int
	cpu               time.Duration
}

// sampleProcess collects garbage and measures the process, then returns
// free pages to the OS and reads RSS again.
func sampleProcess() fleetSample {
	s := fleetSample{cpu: cpuTime()}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s.heap, s.stack, s.goroutines, s.rss = m.HeapInuse, m.StackInuse, runtime.NumGoroutine(), procstat.RSSKiB()
	debug.FreeOSMemory()
	s.rssScavenged = procstat.RSSKiB()
	return s
}

// fleetFootprint is what a fleet added to its process, whole (not per
// client): the deltas from a sample before the first client to one after the
// hold. A shard reports it to the coordinator, which sums the shards'. RSS is
// in KiB, -1 when unknown (RSS moves in whole pages, so a delta is never -1).
type fleetFootprint struct {
	RSSKiB          int64 `json:"rss_kib"`
	RSSScavengedKiB int64 `json:"rss_scavenged_kib"`
	HeapBytes       int64 `json:"heap_bytes"`
	StackBytes      int64 `json:"stack_bytes"`
	Goroutines      int   `json:"goroutines"`
}

// footprint is the footprint from base to now.
func footprint(base, now fleetSample) fleetFootprint {
	return fleetFootprint{
		RSSKiB:          kibDelta(now.rss, base.rss),
		RSSScavengedKiB: kibDelta(now.rssScavenged, base.rssScavenged),
		HeapBytes:       int64(now.heap) - int64(base.heap),
		StackBytes:      int64(now.stack) - int64(base.stack),
		Goroutines:      now.goroutines - base.goroutines,
	}
}

// add returns the sum of two footprints; an unknown RSS stays unknown.
func (a fleetFootprint) add(b fleetFootprint) fleetFootprint {
	return fleetFootprint{
		RSSKiB:          addKiB(a.RSSKiB, b.RSSKiB),
		RSSScavengedKiB: addKiB(a.RSSScavengedKiB, b.RSSScavengedKiB),
		HeapBytes:       a.HeapBytes + b.HeapBytes,
		StackBytes:      a.StackBytes + b.StackBytes,
		Goroutines:      a.Goroutines + b.Goroutines,
	}
}

// kibDelta is now - base in KiB; -1 when either is unknown.
func kibDelta(now, base int64) int64 {
	if now < 0 || base < 0 {
		return -1
	}
	return now - base
}

// addKiB adds two KiB deltas; -1 when either is unknown.
func addKiB(a, b int64) int64 {
	if a == -1 || b == -1 {
		return -1
	}
	return a + b
}

// perClient divides a KiB delta by n; -1 when it is unknown.
func perClient(kib int64, n int) float64 {
	if kib == -1 {
		return -1
	}
	return float64(kib) / float64(n)
}

// addKnown adds two figures where a negative one means unknown; -1 when
// either is unknown.
func addKnown(a, b float64) float64 {
	if a < 0 || b < 0 {
		return -1
	}
	return a + b
}
