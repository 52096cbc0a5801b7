//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/tetherws/tether/sdk"
)

// session is one run of tether connect.
type session struct {
	cfg    *connectConfig
	sio    stdio
	out    *printer
	client *sdk.Client

	opened   chan struct{} // closed when the first open event was printed
	openOnce sync.Once
	finish   chan int // the first reason to stop, as an exit status
	received atomic.Int64
	activity chan struct{} // capacity 1: a message was received or sent

	events    *eventQueue   // SDK events for the merge goroutine (connect_merge.go)
	gate      dialGate      // holds a dial until the last close line printed
	dialed    chan struct{} // closed once client is set
	merged    chan struct{} // closed when the merge goroutine returned
	awaitOpen bool          // a dial started; its open line is not printed yet (event printer only)
}

func runConnect(args []string, sio stdio) int {
	cfg, err := parseConnect(args)
	if err != nil {
		return usageFailed(sio, "connect", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := &session{cfg: cfg, sio: sio, out: newPrinter(cfg, sio), opened: make(chan struct{}),
		finish: make(chan int, 1), activity: make(chan struct{}, 1), events: newEventQueue(),
		dialed: make(chan struct{}), merged: make(chan struct{})}
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

// run dials, moves messages until a reason to stop, and closes. ctx ends on
// Ctrl-C or SIGTERM. The merge goroutine prints events from the start, so
// those of a long first dial (--retry-first-dial) show as they happen.
func (s *session) run(ctx context.Context) int {
	tctx, cancel := s.withTimeout(ctx)
	defer cancel()
	wctx, stopWork := context.WithCancel(tctx)
	defer stopWork()
	go s.merge(wctx)
	c, err := sdk.Dial(tctx, s.cfg.url, s.withCallbacks(s.cfg.options()))
	if err != nil {
		s.stopMerge(stopWork)
		return s.dialFailed(ctx, tctx, err)
	}
	s.client = c
	close(s.dialed)
	select {
	case <-s.opened: // print "open" before any message or sent line
	case <-s.merged:
	case <-tctx.Done():
	}
	return s.ended(s.serve(ctx, tctx, wctx, stopWork))
}

// serve moves messages until a reason to stop, then closes the client. The
// input goroutine sends with a context that is never cancelled: cancelling an
// in-flight Send would tear down the connection; Close ends it instead.
func (s *session) serve(ctx, tctx, wctx context.Context, stopWork context.CancelFunc) int {
	sent := make(chan struct{})
	go func() { defer close(sent); s.input(wctx) }()
	code := s.wait(ctx, tctx)
	stopWork()
	<-s.merged
	s.closeClient()
	select {
	case <-sent:
	case <-time.After(closeWait):
	}
	s.printEvents(context.Background(), false) // reported since closeClient
	s.out.seal()
	return code
}

// closeWait bounds the close handshake on exit: a silent server would
// otherwise hold tether for the SDK's 5 s close timeout.
const closeWait = time.Second

// closeClient closes the client with 1000, waiting at most closeWait.
func (s *session) closeClient() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = s.client.Close()
	}()
	t := time.NewTimer(closeWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		s.printEvents(context.Background(), false) // what the client reported so far
		s.out.emit("close", "the server did not answer the close frame; exiting", toStatus,
			field{"code", 1006}, field{"reason", "close handshake not answered"}, field{"final", true})
	}
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

// dialFailed reports a first connection that never opened.
func (s *session) dialFailed(ctx, tctx context.Context, err error) int {
	switch {
	case isUsageFailure(err):
		return usageFailed(s.sio, "connect", errors.New(s.out.errText(err)))
	case ctx.Err() != nil:
		return exitOK
	case tctx.Err() != nil:
		return s.ended(exitTimeout)
	}
	s.out.failure(err, errorKind(err), true)
	return exitFailed
}

// ended reports why the session stops, after the client has closed.
func (s *session) ended(code int) int {
	if code == exitTimeout {
		s.out.failure(fmt.Errorf("tether: not done within %s (--timeout)", s.cfg.timeout), "timeout", true)
		return exitTimeout
	}
	if s.client == nil || code != exitFailed {
		return code
	}
	cause := causeOf(s.client.Err())
	if closedNormally(cause) && s.countMet() {
		return exitOK
	}
	if userEnded(cause) {
		return exitOK
	}
	s.out.failure(cause, errorKind(cause), true)
	return exitFailed
}

func (s *session) countMet() bool {
	return s.cfg.count == 0 || s.received.Load() >= int64(s.cfg.count)
}
