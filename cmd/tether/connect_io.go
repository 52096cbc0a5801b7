//go:build !js

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tetherws/tether/sdk"
)

// maxLine bounds one line of stdin.
const maxLine = 16 << 20

// input sends the --send messages, then stdin's lines, in order.
func (s *session) input(ctx context.Context) {
	for _, text := range s.cfg.sends {
		if !s.send(ctx, text, false) {
			return
		}
	}
	lines := readLines(s.sio.in, s.out)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				s.inputEnded(ctx)
				return
			}
			if !s.send(ctx, line, true) {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// send sends one text message through the outbox and waits until it is
// written; false means the session is over. fromStdin marks a stdin line.
func (s *session) send(ctx context.Context, text string, fromStdin bool) bool {
	m := sdk.TextMessage(text)
	s.out.sending(m, fromStdin)
	err := s.client.Send(context.WithoutCancel(ctx), m)
	switch {
	case err == nil:
		s.out.sent(m)
		notify(s.activity)
		return ctx.Err() == nil
	case errors.Is(err, sdk.ErrClosed):
		return false
	}
	s.out.emit("unsent", fmt.Sprintf("message not sent: %s", s.out.errText(err)), toStatus,
		field{"count", 1}, field{"error", s.out.errText(err)})
	return true
}

// inputEnded applies the end-of-stdin rule: it ends the session only when
// neither --send nor --count is given, once the server has been quiet for
// --linger.
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
