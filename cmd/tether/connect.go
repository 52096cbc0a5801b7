//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tetherws/tether/sdk"
)

// session is one run of tether connect. Two goroutines it owns print: the
// stream goroutine (connect_stream.go) everything the client reports, in
// order, and the input goroutine (connect_io.go) the messages it sends.
type session struct {
	cfg    *connectConfig
	sio    stdio
	out    *printer
	client *sdk.Client

	opened    chan struct{} // closed once the first open line is printed
	streamed  chan struct{} // closed when the stream goroutine returned
	inputDone chan struct{} // closed when the input goroutine returned
	finish    chan int      // capacity 1: the first reason to stop, as an exit status
	activity  chan struct{} // capacity 1: a message was received or sent
	received  int           // messages printed; the stream goroutine's until streamed is closed
}

func runConnect(args []string, sio stdio) int {
	cfg, err := parseConnect(args)
	if err != nil {
		return usageFailed(sio, "connect", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := &session{cfg: cfg, sio: sio, out: newPrinter(cfg, sio), opened: make(chan struct{}),
		streamed: make(chan struct{}), inputDone: make(chan struct{}), finish: make(chan int, 1),
		activity: make(chan struct{}, 1)}
	return s.run(ctx)
}

// usageFailed prints a usage error (exit 2) or, for -h, the usage (exit 0).
func usageFailed(sio stdio, cmd string, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(sio.out, commandUsage[cmd])
		return exitOK
	}
	fmt.Fprintf(sio.err, "tether %s: %s\nRun 'tether help %s' for usage.\n", cmd, err, cmd)
	return exitUsage
}

// run creates the client, which connects in the background, prints what it
// reports until a reason to stop, and closes it. ctx ends on Ctrl-C or
// SIGTERM. Input waits for the first open line, so "sent" never precedes it.
func (s *session) run(ctx context.Context) int {
	c, err := sdk.New(s.cfg.url, s.cfg.options())
	if err != nil {
		return s.ended(err, exitFailed)
	}
	s.client = c
	tctx, cancel := s.withTimeout(ctx)
	defer cancel()
	sctx, stopStream := context.WithCancel(context.Background())
	defer stopStream()
	go s.stream(sctx)
	ictx, stopInput := context.WithCancel(tctx)
	defer stopInput()
	go s.input(ictx)
	code := s.wait(ctx, tctx)
	stopInput()
	s.close(stopStream)
	return s.ended(causeOf(c.Err()), code)
}

// closeWait bounds the close handshake on exit: a silent server would
// otherwise hold tether for the SDK's 5 s close timeout.
const closeWait = time.Second

// close closes the client with 1000 and waits, at most closeWait, until the
// stream goroutine printed the rest of the stream and the input goroutine
// returned. Then only the final verdict prints.
func (s *session) close(stopStream context.CancelFunc) {
	bound, cancel := context.WithTimeout(context.Background(), closeWait)
	defer cancel()
	go func() { _ = s.client.Close() }() // returns within the SDK's close timeout
	select {
	case <-s.streamed:
	case <-bound.Done():
		stopStream()
		<-s.streamed
		s.out.emit("close", "the server did not answer the close frame; exiting", toStatus,
			field{"code", 1006}, field{"reason", "close handshake not answered"}, field{"final", true})
	}
	select {
	case <-s.inputDone:
	case <-bound.Done():
	}
	s.out.seal()
}

func (s *session) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if s.cfg.timeout > 0 {
		return context.WithTimeout(ctx, s.cfg.timeout)
	}
	return context.WithCancel(ctx)
}

// wait returns the exit status of the first reason to stop.
func (s *session) wait(ctx, tctx context.Context) int {
	select {
	case code := <-s.finish:
		return code
	case <-tctx.Done(): // also done on a signal: tctx derives from ctx
		if ctx.Err() != nil {
			return exitOK
		}
		return exitTimeout
	}
}

// done records a reason to stop; the first one wins.
func (s *session) done(code int) {
	select {
	case s.finish <- code:
	default:
	}
}

// ended reports why the session stops, after the client has closed: code is
// the first reason to stop, cause what the client's error wraps besides
// ErrClosed (or New's error).
func (s *session) ended(cause error, code int) int {
	switch {
	case code == exitTimeout:
		s.out.failure(fmt.Errorf("tether: not done within %s (--timeout)", s.cfg.timeout), "timeout", true)
		return exitTimeout
	case code != exitFailed:
		return code
	case isUsageFailure(cause):
		return usageFailed(s.sio, "connect", errors.New(s.out.errText(cause)))
	case closedNormally(cause) && s.countMet(), userEnded(cause):
		return exitOK
	}
	s.out.failure(cause, errorKind(cause), true)
	return exitFailed
}

// countMet reports whether --count messages were printed (always without
// --count). Only once the stream goroutine returned.
func (s *session) countMet() bool {
	return s.cfg.count == 0 || s.received >= s.cfg.count
}
