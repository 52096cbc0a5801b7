//go:build !js

package main

import (
	"bufio"
	"encoding/json"
	"errors"
)

// Phases of the lines a shard prints.
const (
	shardHeld   = "held"   // its clients are open and have been held
	shardDone   = "done"   // the storm is over and measured
	shardFailed = "failed" // it stopped: Error says why
)

// fleetShardLine is one JSON line a shard prints on stdout: one after the
// hold (its phase alone), one after the storm, or one saying why it failed.
type fleetShardLine struct {
	Phase  string         `json:"phase"`
	Error  string         `json:"error,omitempty"`
	Result *fleetResult   `json:"result,omitempty"` // done only: its figures over its share
	Idle   fleetFootprint `json:"idle,omitzero"`    // done only: the idle fleet's footprint, whole
	Storm  *fleetStormRaw `json:"storm,omitempty"`  // done only
}

// shardPhases is a shard's side of the protocol with the coordinator: it
// prints each phase's line and reads the coordinator's lines on stdin. Only
// runFleetShard's goroutine uses it.
type shardPhases struct {
	enc *json.Encoder
	in  *bufio.Scanner
}

// held says the fleet is held, then waits for the coordinator's "drop".
func (s *shardPhases) held(*fleetResult) error {
	if err := s.enc.Encode(fleetShardLine{Phase: shardHeld}); err != nil {
		return err
	}
	for s.in.Scan() {
		if s.in.Text() == "drop" {
			return nil
		}
	}
	return errors.New("the coordinator ended before the drop")
}

// stormed reports the storm, then waits for the end of stdin: the
// coordinator ends it once every shard is done, so that no shard closes its
// clients while another's storm goes on.
func (s *shardPhases) stormed(res *fleetResult, raw *fleetStormRaw) error {
	line := fleetShardLine{Phase: shardDone, Result: res, Idle: res.footprint, Storm: raw}
	if err := s.enc.Encode(line); err != nil {
		return err
	}
	for s.in.Scan() {
	}
	return nil
}

// runFleetShard runs one shard: the single-process bench over its share,
// telling the coordinator each phase on stdout.
func runFleetShard(cfg *fleetConfig, sio stdio) int {
	p := &shardPhases{enc: json.NewEncoder(sio.out), in: bufio.NewScanner(sio.in)}
	if _, err := runFleetShare(cfg, sio, p); err != nil {
		_ = p.enc.Encode(fleetShardLine{Phase: shardFailed, Error: err.Error()})
		return exitFailed
	}
	return exitOK
}
