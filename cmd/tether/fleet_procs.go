//go:build !js

package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
)

// runFleet runs tether bench fleet: the fleet's server or one of its shards
// when started as that child process, else the bench in one process or the
// coordinator of several.
func runFleet(args []string, sio stdio) int {
	cfg, err := parseFleet(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(sio.out, fleetUsage)
		return exitOK
	}
	if err != nil {
		return fleetUsageFailed(sio, err)
	}
	switch os.Getenv(fleetRoleEnv) {
	case roleServer:
		return runFleetServer(cfg, sio)
	case roleShard:
		return runFleetShard(cfg, sio)
	}
	plan, err := planFleet(cfg)
	if err != nil {
		return fleetUsageFailed(sio, err)
	}
	var res *fleetResult
	if plan.procs == 1 {
		res, err = runFleetBench(cfg, sio)
	} else {
		res, err = runFleetShards(cfg, plan, sio)
	}
	return fleetDone(cfg, res, err, sio)
}

// fleetUsageFailed reports a usage error.
func fleetUsageFailed(sio stdio, err error) int {
	fmt.Fprintf(sio.err, "tether bench fleet: %s\nRun 'tether bench fleet --help' for usage.\n", err)
	return exitUsage
}

// fleetDone prints the result, if there is one, then the error, if any, and
// returns the exit status: 1 on an error or a lost client.
func fleetDone(cfg *fleetConfig, res *fleetResult, err error, sio stdio) int {
	if res != nil && cfg.json {
		printFleetJSON(sio.out, res)
	} else if res != nil {
		printFleetTable(sio.out, res)
	}
	if err != nil {
		fmt.Fprintf(sio.err, "tether bench fleet: %v\n", err)
		return exitFailed
	}
	if res.Lost > 0 {
		return exitFailed
	}
	return exitOK
}

// fleetPlan is how many processes the clients run in, and why.
type fleetPlan struct {
	procs int
	why   string // "--procs K" or the open-files hard limit, for the table
}

// share is the number of clients of shard i (from 0) of n clients: the
// first n%procs shards have one more.
func (p fleetPlan) share(i, n int) int {
	s := n / p.procs
	if i < n%p.procs {
		s++
	}
	return s
}

// planFleet decides the processes: --procs, else the fewest whose shares fit
// under the open-files limit this process can raise itself to (one when that
// limit is unknown). With --url, more than one is a usage error.
func planFleet(cfg *fleetConfig) (fleetPlan, error) {
	if cfg.procs > 0 {
		return fleetPlan{procs: cfg.procs, why: fmt.Sprintf("--procs %d", cfg.procs)}, nil
	}
	limit, err := raiseNoFile(uint64(cfg.clients + fdMargin))
	if err != nil {
		return fleetPlan{procs: 1}, nil
	}
	p := fleetPlan{procs: procsUnder(cfg.clients, limit), why: fmt.Sprintf("the open-files hard limit is %d", limit)}
	if p.procs > 1 && cfg.url != nil {
		return p, usagef("--url runs in one process, and %d clients need %d processes under the open-files hard limit %d: "+
			"use fewer clients", cfg.clients, p.procs, limit)
	}
	return p, nil
}

// procsUnder is the fewest processes, up to maxFleetProcs and n, whose
// largest share of n clients plus fdMargin fits in limit open files; 1 when
// none does (the bench then refuses, naming the limit).
func procsUnder(n int, limit uint64) int {
	for k := 1; k <= min(n, maxFleetProcs); k++ {
		if uint64((n+k-1)/k+fdMargin) <= limit {
			return k
		}
	}
	return 1
}
