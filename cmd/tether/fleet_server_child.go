//go:build !js

package main

import (
	"bufio"
	"encoding/json"
	"errors"
)

// runFleetServer is the child process: it prints a fleetHello line, then
// answers each line of stdin ("drop", "report") with one JSON line, and
// exits at the end of stdin.
func runFleetServer(cfg *fleetConfig, sio stdio) int {
	enc := json.NewEncoder(sio.out)
	nofile, err := openFiles(cfg.clients, sio.err)
	if err != nil {
		_ = enc.Encode(fleetHello{Error: "server: " + err.Error()})
		return exitFailed
	}
	f, err := startFleetServer(cfg)
	if err != nil {
		_ = enc.Encode(fleetHello{Error: err.Error()})
		return exitFailed
	}
	defer f.close()
	_ = enc.Encode(fleetHello{Addrs: f.addrs, NoFile: nofile})
	sc := bufio.NewScanner(sio.in)
	for sc.Scan() {
		switch sc.Text() {
		case "drop":
			f.drop()
			_ = enc.Encode(struct{}{})
		case "report":
			_ = enc.Encode(f.report())
		}
	}
	return exitOK
}

// errServerGone reports a server process that ended early.
var errServerGone = errors.New("the fleet's server process ended")
