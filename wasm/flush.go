//go:build js && wasm

package main

import (
	"context"
	"errors"
	"sync"
	"syscall/js"
	"time"

	"github.com/tetherws/tether/sdk"
)

// TetherSocket.flush(): tether.js numbers each call (its token) and calls
// flush(id, token, timeoutMs), which starts a goroutine running
// sdk.Client.Flush and returns at once (false: no such socket, it has
// ended). The js.FuncOf call runs that goroutine until it waits, so Flush
// counts exactly the messages sent before the call. Its result comes back
// as a kindFlush event (token, error message, reason) in the socket's event
// order: after the stream entries ready when Flush returned, so an unsent
// event that made it fail comes first. After the socket's last event the
// goroutine emits the result itself. cancelFlush(id, token) ends the wait of
// a call (its AbortSignal fired).

// Flush failure reasons, the reason field of TetherSocket's UnconfirmedError.
const (
	flushTimeout    = "timeout"     // options.timeout ended the wait
	flushAborted    = "aborted"     // options.signal ended the wait
	flushClosed     = "closed"      // the socket closed with messages unconfirmed
	flushHandedBack = "handed-back" // messages were handed back meanwhile (unsent events)
)

// flushCalls are a socket's Flush calls from JavaScript.
type flushCalls struct {
	mu      sync.Mutex
	cancels map[int]context.CancelFunc // running, by token
	done    []flushResult              // returned, not yet emitted
	ended   bool                       // the delivery goroutine has stopped: emit at once
}

type flushResult struct {
	token int
	err   error
}

// flush(id, token, timeoutMs): timeoutMs < 0 means no timeout.
func (a *api) flush(args []js.Value) any {
	s := a.get(args)
	if s == nil || len(args) < 3 {
		return false
	}
	s.startFlush(args[1].Int(), args[2].Float())
	return true
}

// cancelFlush(id, token) ends the wait of a running flush.
func (a *api) cancelFlush(args []js.Value) any {
	if s := a.get(args); s != nil && len(args) > 1 {
		s.flushes.cancel(args[1].Int())
	}
	return nil
}

// startFlush runs sdk.Client.Flush for token on a goroutine.
func (s *socket) startFlush(token int, timeoutMs float64) {
	ctx, cancel := context.WithCancel(context.Background())
	if timeoutMs >= 0 {
		ctx, cancel = context.WithTimeout(context.Background(), time.Duration(timeoutMs*float64(time.Millisecond)))
	}
	s.flushes.started(token, cancel)
	go func() {
		err := s.client.Flush(ctx)
		cancel()
		s.flushReturned(flushResult{token: token, err: err})
	}()
}

// flushReturned hands a result to the delivery goroutine, or emits it once
// the socket has ended.
func (s *socket) flushReturned(r flushResult) {
	if s.flushes.finish(r) {
		s.notify()
		return
	}
	s.delivering.Lock()
	defer s.delivering.Unlock()
	s.emitFlush(r)
}

// deliverFlushes emits the results of the Flush calls that returned; with
// ended (the socket's last event was delivered) later ones are emitted by
// their goroutines. The caller holds delivering.
func (s *socket) deliverFlushes(ended bool) {
	for _, r := range s.flushes.take(ended) {
		s.emitFlush(r)
	}
}

func (s *socket) emitFlush(r flushResult) {
	s.emit(kindFlush, r.token, errText(r.err), flushReason(r.err))
}

// flushReason names why Flush failed ("" for success).
func flushReason(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.DeadlineExceeded):
		return flushTimeout
	case errors.Is(err, context.Canceled):
		return flushAborted
	case errors.Is(err, sdk.ErrClosed):
		return flushClosed
	}
	return flushHandedBack
}

func (f *flushCalls) started(token int, cancel context.CancelFunc) {
	f.mu.Lock()
	if f.cancels == nil {
		f.cancels = map[int]context.CancelFunc{}
	}
	f.cancels[token] = cancel
	f.mu.Unlock()
}

func (f *flushCalls) cancel(token int) {
	f.mu.Lock()
	cancel := f.cancels[token]
	f.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// finish records r; false when the delivery goroutine has stopped and the
// caller emits r itself.
func (f *flushCalls) finish(r flushResult) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.cancels, r.token)
	if f.ended {
		return false
	}
	f.done = append(f.done, r)
	return true
}

func (f *flushCalls) take(ended bool) []flushResult {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.done
	f.done = nil
	f.ended = ended
	return out
}
