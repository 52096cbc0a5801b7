//go:build !js

package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// shardGrace bounds a shard's exit once its stdin has ended: it closes its
// clients and its server child (childGrace).
const shardGrace = childGrace + time.Minute

// fleetShard is the coordinator's handle on one shard process: this
// executable in roleShard, running the bench for its share of the clients.
// The exec package's goroutine copies its stderr to the coordinator's, each
// line prefixed; the coordinator's goroutines use the rest, one at a time,
// except kill, which any may call.
type fleetShard struct {
	*fleetChild
	num, of, clients int // shard num (from 1) of of, with clients
	stderr           *prefixWriter
}

// startShard starts shard num (from 1) of plan for clients of cfg's fleet.
func startShard(cfg *fleetConfig, plan fleetPlan, num, clients int, log *syncWriter) (*fleetShard, error) {
	s := &fleetShard{num: num, of: plan.procs, clients: clients}
	s.stderr = &prefixWriter{w: log, prefix: fmt.Sprintf("shard %d/%d: ", num, plan.procs)}
	child, err := startChild(roleShard, shardArgs(cfg, clients), s.stderr)
	if err != nil {
		return nil, err
	}
	s.fleetChild = child
	return s, nil
}

// shardArgs are a shard's flags: cfg's, with its share of the clients. (Its
// role alone keeps it from sharding again.)
func shardArgs(cfg *fleetConfig, clients int) []string {
	args := []string{"--clients", strconv.Itoa(clients), "--hold", cfg.hold.String(), "--server-reply", cfg.reply}
	if cfg.noJitter {
		args = append(args, "--no-jitter")
	}
	return args
}

// read returns the shard's next line, which must be of phase.
func (s *fleetShard) read(phase string) (*fleetShardLine, error) {
	var l fleetShardLine
	if err := s.dec.Decode(&l); err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("it ended without a report (its stderr is above)")
		}
		return nil, s.errorf("%v", err)
	}
	switch {
	case l.Error != "":
		return nil, s.errorf("%s", l.Error)
	case l.Phase != phase || (phase == shardDone && (l.Result == nil || l.Storm == nil)):
		return nil, s.errorf("a %q line where a whole %q line was due", l.Phase, phase)
	}
	return &l, nil
}

// drop tells the shard to drop its clients.
func (s *fleetShard) drop() error {
	if err := s.send("drop"); err != nil {
		return s.errorf("drop: %v", err)
	}
	return nil
}

// close ends the shard's stdin and waits for it to exit; a shard still
// running after shardGrace is killed by its process id.
func (s *fleetShard) close() error {
	err := s.end(shardGrace)
	s.stderr.flush()
	if errors.Is(err, errChildKilled) {
		return s.errorf("it did not exit within %s and was killed", shardGrace)
	}
	return nil // its exit status is in its lines, already read
}

// errorf is an error of this shard.
func (s *fleetShard) errorf(format string, args ...any) error {
	return fmt.Errorf("shard %d of %d (%d clients): %s", s.num, s.of, s.clients, fmt.Sprintf(format, args...))
}
