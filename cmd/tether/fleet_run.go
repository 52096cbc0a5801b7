//go:build !js

package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/tetherws/tether/internal/procstat"
)

// openFiles raises the open-files limit for n connections and says what it
// got; an error when that is too few (an unknown limit is tried as it is).
func openFiles(n int, log io.Writer) (uint64, error) {
	got, err := raiseNoFile(uint64(n + fdMargin))
	if err != nil {
		fmt.Fprintf(log, "tether bench fleet: open-files limit unchanged: %v\n", err)
		return 0, nil
	}
	if got < uint64(n+fdNeed) {
		return got, fmt.Errorf("%d clients need about %d open files in each process, and the limit could only be "+
			"raised to %d (the hard limit; raising that needs root with CAP_SYS_RESOURCE, or ulimit -Hn)", n, n+fdNeed, got)
	}
	return got, nil
}

// fleetPhases is told of the phases of one process's bench, on the bench's
// goroutine; a shard answers the coordinator through it.
type fleetPhases interface {
	// held runs after the hold; the drop waits until it returns nil.
	held(res *fleetResult) error
	// stormed runs once the storm is measured, before the clients close.
	stormed(res *fleetResult, raw *fleetStormRaw) error
}

// soloPhases is the single-process bench's: nothing between the phases.
type soloPhases struct{}

// held lets the drop start at once.
func (soloPhases) held(*fleetResult) error { return nil }

// stormed has nothing to report.
func (soloPhases) stormed(*fleetResult, *fleetStormRaw) error { return nil }

// runFleetBench opens the fleet, holds it, drops it and measures.
func runFleetBench(cfg *fleetConfig, sio stdio) (*fleetResult, error) {
	return runFleetShare(cfg, sio, soloPhases{})
}

// runFleetShare is runFleetBench with phases told of its progress: the whole
// bench in one process, for the whole fleet or for one shard's share of it.
func runFleetShare(cfg *fleetConfig, sio stdio, phases fleetPhases) (*fleetResult, error) {
	res := newFleetResult(cfg)
	nofile, err := openFiles(cfg.clients, sio.err)
	if err != nil {
		return nil, err
	}
	res.NoFile = nofile
	t, err := startTarget(cfg, sio.err)
	if err != nil {
		return nil, err
	}
	defer func() { _ = t.close() }()
	res.Server, res.ServerNoFile = t.describe(), t.hello.NoFile
	f := newFleet(cfg.clients)
	defer f.close()
	if err := openAndHold(cfg, t, f, res, sio.err); err != nil {
		return nil, err
	}
	if err := phases.held(res); err != nil {
		return nil, err
	}
	raw, err := storm(t, f, res, sio.err)
	if err != nil {
		return nil, err
	}
	if err := phases.stormed(res, raw); err != nil {
		return nil, err
	}
	progress(sio.err, "closing %d clients", cfg.clients)
	return res, nil
}

// openAndHold opens the clients, holds them idle and measures them.
func openAndHold(cfg *fleetConfig, t *fleetTarget, f *fleet, res *fleetResult, log io.Writer) error {
	debug.FreeOSMemory()
	base := sampleProcess()
	progress(log, "opening %d clients (%s)", cfg.clients, res.Server)
	ctx, cancel := context.WithTimeout(context.Background(), stormTimeout+time.Duration(cfg.clients)*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := f.open(ctx, t.clientURL, cfg.noJitter); err != nil {
		return err
	}
	res.OpenS = time.Since(start).Seconds()
	res.DialsPerS = float64(cfg.clients) / res.OpenS
	progress(log, "holding them idle for %s", cfg.hold)
	cpu := cpuTime()
	time.Sleep(cfg.hold) // the measured idle period, not synchronisation
	res.HoldCPUPercent = percentOfCore(cpuTime()-cpu, cfg.hold)
	res.idle(footprint(base, sampleProcess()))
	res.base = base
	return nil
}

// storm has the server drop every connection and waits until every client
// is back (or lost), then measures; it returns the raw material of the
// figures, for a coordinator to merge.
func storm(t *fleetTarget, f *fleet, res *fleetResult, log io.Writer) (*fleetStormRaw, error) {
	progress(log, "dropping every connection at once")
	cpu := cpuTime()
	f.dropAt.Store(time.Now().UnixNano())
	if err := t.drop(); err != nil {
		return nil, err
	}
	select {
	case <-f.settled:
	case <-time.After(stormTimeout):
		return nil, fmt.Errorf("after %s, %d of %d clients are back and %d lost", stormTimeout, f.back.Load(), f.n, f.lost.Load())
	}
	res.StormCPUMS = ms(cpuTime() - cpu)
	rss := kibDelta(procstat.RSSKiB(), res.base.rss)
	res.StormRSSKiBPerClient = perClient(rss, f.n)
	res.StormAllBackS = time.Duration(f.backAt.Load()).Seconds()
	res.Back, res.Lost = f.openNow(), int(f.lost.Load())
	srv, err := settledReport(t, f)
	if err != nil {
		return nil, err
	}
	st := f.stormTimes()
	res.storm(st, srv)
	return newStormRaw(f.dropAt.Load(), st, srv, rss), nil
}

// settledReport asks the embedded server for its view once it counts every
// client's connection (it registers one just after the 101 is sent), for at
// most settleTimeout; nil with --url.
func settledReport(t *fleetTarget, f *fleet) (*fleetServerReport, error) {
	deadline := time.Now().Add(settleTimeout)
	for {
		r, err := t.report()
		want := f.n - int(f.lost.Load())
		switch {
		case err != nil || r == nil || r.Conns >= want:
			return r, err
		case time.Now().After(deadline):
			return nil, fmt.Errorf("the server counts %d of %d connections after %s", r.Conns, want, settleTimeout)
		}
		time.Sleep(10 * time.Millisecond) // polling the child's count
	}
}

// settleTimeout bounds settledReport's wait for the server's count.
const settleTimeout = 5 * time.Second

// progress writes one progress line to w (stderr).
func progress(w io.Writer, format string, args ...any) {
	fmt.Fprintf(w, "tether bench fleet: "+format+"\n", args...)
}

// percentOfCore is cpu as a percentage of one core over wall; -1 when unknown.
func percentOfCore(cpu, wall time.Duration) float64 {
	if cpu < 0 || wall <= 0 {
		return -1
	}
	return 100 * float64(cpu) / float64(wall)
}
