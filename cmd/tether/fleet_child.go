//go:build !js

package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"time"
)

// fleetRoleEnv makes tether bench fleet one of the fleet's child processes:
// its value is the role, roleServer or roleShard. There is one variable, so
// a shard's server child, which inherits "shard", is told "server" by the
// later entry of the same key (exec uses the last value of a duplicate).
const fleetRoleEnv = "TETHER_FLEET_ROLE"

// The roles of fleetRoleEnv.
const (
	roleServer = "server" // the embedded server of one process's clients
	roleShard  = "shard"  // one shard of a fleet split over processes
)

// childGrace bounds a child's exit once its stdin has ended (a server
// child's), and the wait for its output once it has exited (WaitDelay).
const childGrace = 10 * time.Second

// errChildKilled reports a child process that end had to kill.
var errChildKilled = errors.New("killed")

// fleetChild is a child process of the fleet that speaks JSON lines: it is
// sent command lines on stdin and answers, when it does, with JSON lines on
// stdout. One goroutine at a time uses it; end runs once reading is over.
type fleetChild struct {
	proc *exec.Cmd
	in   io.WriteCloser
	out  io.ReadCloser
	dec  *json.Decoder
}

// startChild starts this executable as 'tether bench fleet args...' in role,
// with its stderr to stderr.
func startChild(role string, args []string, stderr io.Writer) (*fleetChild, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, append([]string{"bench", "fleet"}, args...)...)
	cmd.Env = append(os.Environ(), fleetRoleEnv+"="+role)
	cmd.Stderr = stderr
	return startCmd(cmd)
}

// startCmd starts cmd with its stdin and stdout piped to the returned child.
func startCmd(cmd *exec.Cmd) (*fleetChild, error) {
	cmd.WaitDelay = childGrace
	c := &fleetChild{proc: cmd}
	var err error
	if c.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if c.out, err = cmd.StdoutPipe(); err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c.dec = json.NewDecoder(c.out)
	return c, nil
}

// send writes one command line to the child.
func (c *fleetChild) send(cmd string) error {
	_, err := io.WriteString(c.in, cmd+"\n")
	return err
}

// call sends cmd and decodes the child's answer into v.
func (c *fleetChild) call(cmd string, v any) error {
	if err := c.send(cmd); err != nil {
		return err
	}
	return c.dec.Decode(v)
}

// kill kills the child by its process id, without waiting for it.
func (c *fleetChild) kill() {
	_ = c.proc.Process.Kill()
}

// end closes the child's stdin, which asks it to exit, and waits for it; a
// child still running after grace is killed by its process id
// (errChildKilled). Whatever the child still writes on stdout is discarded,
// so that it never blocks on a line nobody reads; end owns that goroutine and
// the one waiting for the child, and waits for both.
func (c *fleetChild) end(grace time.Duration) error {
	_ = c.in.Close()
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		_, _ = io.Copy(io.Discard, c.out) // ends when Wait closes the pipe
	}()
	done := make(chan error, 1)
	go func() { done <- c.proc.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(grace):
		c.kill()
		<-done
		err = errChildKilled
	}
	<-drained
	return err
}
