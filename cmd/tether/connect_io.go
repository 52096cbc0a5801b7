//go:build !js

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// maxLine bounds one line of stdin.
const maxLine = 16 << 20

// input sends the --send and --send-file messages, then stdin's lines, in
// order, once the first open line is printed. The session owns it; it closes
// s.inputDone.
func (s *session) input(ctx context.Context) {
	defer close(s.inputDone)
	select {
	case <-s.opened:
	case <-ctx.Done():
		return
	}
	for _, m := range s.cfg.sends {
		if !s.send(ctx, m, false) {
			return
		}
	}
	lines := readLines(s.sio.in, s.out)
	for n := 1; ; n++ {
		select {
		case line, ok := <-lines:
			if !ok {
				s.inputEnded(ctx)
				return
			}
			if !s.sendLine(ctx, n, line) {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// sendLine sends stdin line n: text, or with --binary its decoded bytes. A
// line that does not decode is reported, without its content, and skipped.
func (s *session) sendLine(ctx context.Context, n int, line string) bool {
	if s.cfg.slash && strings.HasPrefix(line, "/") {
		if !strings.HasPrefix(line, "//") {
			return s.command(ctx, n, line)
		}
		line = line[1:]
	}
	m, err := s.cfg.lineMessage(line)
	if err != nil {
		s.out.inputError(fmt.Sprintf("tether: stdin line %d %s; not sent", n, err))
		return true
	}
	return s.send(ctx, m, true)
}

// errStopped: the session stopped while a message waited to be written (the
// connection was down, or the unconfirmed window full).
var errStopped = errors.New("tether: not written before tether stopped")

// send sends one message through the outbox and waits until it is written;
// false means the session is over. ctx ends when the session stops: a
// message still waiting then is not sent, while a write that started
// completes (sdk.Client.Send), so that the client's Close can confirm it. A
// message not sent is reported as unsent. fromStdin marks a stdin line.
func (s *session) send(ctx context.Context, m transport.Message, fromStdin bool) bool {
	if ctx.Err() != nil {
		return false // stopped: no more input is taken
	}
	s.out.sending(m, fromStdin)
	err := s.client.Send(ctx, m)
	if err == nil {
		s.out.sent(m)
		notify(s.activity)
		return ctx.Err() == nil
	}
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		err = errStopped
	}
	s.out.unsent(m, err)
	return ctx.Err() == nil && !errors.Is(err, sdk.ErrClosed)
}

// inputEnded applies the end-of-stdin rule: it ends the session only when
// none of --send, --send-file and --count is given, once the server has been
// quiet for --linger.
func (s *session) inputEnded(ctx context.Context) {
	if s.cfg.count > 0 || len(s.cfg.sends) > 0 {
		return
	}
	t := time.NewTimer(s.cfg.linger)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			s.done(exitOK)
			return
		case <-s.activity:
			t.Reset(s.cfg.linger)
		case <-ctx.Done():
			return
		}
	}
}

// readLines reads r line by line on its own goroutine (a read from a terminal
// cannot be interrupted; the process exits without waiting for it).
func readLines(r io.Reader, out *printer) <-chan string {
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), maxLine)
		for sc.Scan() {
			lines <- sc.Text()
		}
		if err := sc.Err(); err != nil {
			out.failure(fmt.Errorf("tether: reading stdin: %w", err), "input", false)
		}
	}()
	return lines
}

// notify sets a capacity-1 signal without blocking.
func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
