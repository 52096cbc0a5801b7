//go:build !js

package main

import (
	"errors"
	"sync"
)

// runFleetShards runs the fleet as plan.procs shard processes: it starts
// them all, waits until every one holds its clients, tells them all to drop
// (back to back, so the drops fall within a few milliseconds), collects
// their storms and merges them. A result comes with an error only when a
// shard had to be killed after its report.
func runFleetShards(cfg *fleetConfig, plan fleetPlan, sio stdio) (*fleetResult, error) {
	log := &syncWriter{w: sio.err}
	progress(log, "%d clients in %d processes (%s)", cfg.clients, plan.procs, plan.why)
	shards, err := startShards(cfg, plan, log)
	if err != nil {
		return nil, err
	}
	lines, err := collectShards(shards, log)
	closed := closeShards(shards)
	if err != nil {
		return nil, errors.Join(err, closed)
	}
	return mergeShards(cfg, plan, lines), closed
}

// startShards starts every shard; on an error, it ends those it started.
func startShards(cfg *fleetConfig, plan fleetPlan, log *syncWriter) ([]*fleetShard, error) {
	var shards []*fleetShard
	for i := range plan.procs {
		s, err := startShard(cfg, plan, i+1, plan.share(i, cfg.clients), log)
		if err != nil {
			return nil, errors.Join(err, closeShards(shards))
		}
		shards = append(shards, s)
	}
	return shards, nil
}

// collectShards waits for every shard's "held" line, has them all drop and
// returns their "done" lines.
func collectShards(shards []*fleetShard, log *syncWriter) ([]*fleetShardLine, error) {
	if _, err := readShards(shards, shardHeld); err != nil {
		return nil, err
	}
	progress(log, "every shard holds its clients: dropping them all")
	for _, s := range shards {
		if err := s.drop(); err != nil {
			return nil, err
		}
	}
	lines, err := readShards(shards, shardDone)
	if err == nil {
		progress(log, "the shards dropped within %s of each other", dropSpread(lines))
	}
	return lines, err
}

// readShards reads each shard's next line, which must be of phase, on a
// goroutine per shard that it waits for. The first shard whose read fails
// has every other shard killed at once, so that none is waited for, and its
// error is the one returned (not the others', which the kills cause).
func readShards(shards []*fleetShard, phase string) ([]*fleetShardLine, error) {
	lines := make([]*fleetShardLine, len(shards))
	var (
		once  sync.Once
		first error
		wg    sync.WaitGroup
	)
	for i, s := range shards {
		wg.Go(func() {
			l, err := s.read(phase)
			if err != nil {
				once.Do(func() { first = err; killOthers(shards, s) })
				return
			}
			lines[i] = l
		})
	}
	wg.Wait()
	return lines, first
}

// killOthers kills every shard but failed, by its process id.
func killOthers(shards []*fleetShard, failed *fleetShard) {
	for _, s := range shards {
		if s != failed {
			s.kill()
		}
	}
}

// closeShards ends every shard, on a goroutine per shard that it waits for.
func closeShards(shards []*fleetShard) error {
	errs := make([]error, len(shards))
	var wg sync.WaitGroup
	for i, s := range shards {
		wg.Go(func() { errs[i] = s.close() })
	}
	wg.Wait()
	return errors.Join(errs...)
}
