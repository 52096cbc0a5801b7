//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
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

	opened    chan struct{}                // closed once the first open line is printed
	streamed  chan struct{}                // closed when the stream goroutine returned
	inputDone chan struct{}                // closed when the input goroutine returned
	finish    chan int                     // capacity 1: the first reason to stop, as an exit status
	activity  chan struct{}                // capacity 1: a message was received or sent
	received  int                          // messages printed; the stream goroutine's until streamed is closed
	closeReq  atomic.Pointer[closeRequest] // set by /close (--slash); nil: 1000
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
	c, err := sdk.New(s.cfg.url, s.cfg.options(s.out.ping))
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

// closeWait bounds the close handshake on exit once every message is
// confirmed: a silent server would otherwise hold tether for the SDK's 5 s
// close timeout.
const closeWait = time.Second

// close closes the client with 1000 and waits until the stream goroutine
// printed the rest of the stream, messages handed back included, and the
// input goroutine returned. Input stops first: a send that waits is
// reported, one being written completes (for at most closeWait), so that
// Close covers every message that was written. The SDK's Close bounds the
// rest: it gives unconfirmed messages 2 s to be confirmed, then hands back
// the rest (on a dead link it skips the close handshake). Only once
// everything is confirmed may the close handshake be cut short, after
// closeWait. Then only the final verdict prints.
func (s *session) close(stopStream context.CancelFunc) {
	s.awaitInput()
	req := closeRequest{code: 1000}
	if r := s.closeReq.Load(); r != nil {
		req = *r
	}
	go func() { _ = s.client.CloseWithStatus(req.code, req.reason) }() // returns within the SDK's close bounds
	<-s.inputDone                                                      // Close ends a write that outlasted closeWait
	confirmed := make(chan bool, 1)
	go func() { confirmed <- s.client.Flush(context.Background()) == nil }() // ends with the client at the latest
	select {
	case <-s.streamed:
	case ok := <-confirmed:
		if !ok {
			<-s.streamed // messages were handed back: print every one
			break
		}
		s.awaitHandshake(stopStream)
	}
	s.out.seal()
}

// awaitInput waits at most closeWait for the input goroutine, stopped, to
// return: only a write in progress (a large message, a full socket buffer)
// holds it.
func (s *session) awaitInput() {
	bound := time.NewTimer(closeWait)
	defer bound.Stop()
	select {
	case <-s.inputDone:
	case <-bound.C:
	}
}

// awaitHandshake waits at most closeWait for the stream to end once
// everything was confirmed: only a close handshake is left. When the server
// does not answer it, the stream is stopped (what is ready still prints).
func (s *session) awaitHandshake(stopStream context.CancelFunc) {
	bound := time.NewTimer(closeWait)
	defer bound.Stop()
	select {
	case <-s.streamed:
		return
	case <-bound.C:
	}
	stopStream()
	<-s.streamed
	select {
	case <-s.client.Done():
	default:
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

// ended reports why the session stops, after the client has closed: code is
// the first reason to stop, cause what the client's error wraps besides
// ErrClosed (or New's error).
func (s *session) ended(cause error, code int) int {
	code = s.verdict(cause, code)
	if code == exitOK && s.out.unsentCount() > 0 {
		return exitUnsent
	}
	return code
}

// verdict is the exit status before unsent messages count (see ended).
func (s *session) verdict(cause error, code int) int {
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
