//go:build !js

package testserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/coder/websocket"
)

// actionKind names what /drop, /blackhole and /close do to a live connection:
// what drop_after, blackhole_after and close_after do on a timer, but when a
// test asks, so it can act right after an event it saw instead of racing a
// timer with its own progress.
type actionKind int

const (
	actDrop actionKind = iota
	actBlackhole
	actClose
)

// action is one request to a session's timeline.
type action struct {
	kind    actionKind
	code    websocket.StatusCode // actClose
	reason  string               // actClose
	applied chan<- struct{}      // nil, or told once the action took effect (a blackhole) or started (drop, close)
}

// tell reports on a.applied that the action took effect.
func (a action) tell() {
	if a.applied != nil {
		a.applied <- struct{}{}
	}
}

// appliedWait bounds how long an action request waits for its connections.
const appliedWait = 5 * time.Second

// handleAction serves /drop, /blackhole and /close: every /echo or /chaos
// WebSocket opened with the given key= (required) and still being served gets
// the action. The answer is {"connections": N}, the number of connections it
// was handed to, sent once each has applied it (a black hole is in place, a
// drop or close has begun), so a client acting on the answer acts after it.
func (s *Server) handleAction(kind actionKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key, a, err := parseAction(r.URL.Query(), kind)
		if err != nil {
			badRequest(w, err)
			return
		}
		n := s.actAndWait(key, a)
		s.log.Debug("testserver: action", "path", r.URL.Path, "key", key, "connections", n)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(struct {
			Connections int `json:"connections"`
		}{n})
	}
}

// Drop drops, now, every live /echo or /chaos connection opened with key
// (as GET /drop does) and returns how many it reached, once each has begun.
func (s *Server) Drop(key string) int { return s.actAndWait(key, action{kind: actDrop}) }

// Blackhole black-holes, now, every live /echo or /chaos connection opened
// with key (as GET /blackhole does) and returns how many it reached, once
// each black hole is in place.
func (s *Server) Blackhole(key string) int { return s.actAndWait(key, action{kind: actBlackhole}) }

// actAndWait hands a to key's connections and waits until they applied it.
func (s *Server) actAndWait(key string, a action) int {
	applied := make(chan struct{}, maxActionConns)
	a.applied = applied
	n := s.act(key, a)
	awaitApplied(applied, n)
	return n
}

// parseAction reads key (required) and, for /close, code (default 1000) and
// reason.
func parseAction(q url.Values, kind actionKind) (string, action, error) {
	p := &params{q: q}
	key := p.text("key", maxKeyLen, "")
	a := action{kind: kind}
	if kind == actClose {
		a.code = websocket.StatusCode(p.int("code", 1000, 4999, 1000))
		a.reason = p.text("reason", maxReasonLen, "")
	}
	switch {
	case p.err != nil:
		return "", action{}, p.err
	case key == "":
		return "", action{}, fmt.Errorf("query parameter key: required (the action applies to that key's connections)")
	case kind == actClose && !sendableCode(a.code):
		return "", action{}, fmt.Errorf("query parameter code=%d: not a close code that can be sent", a.code)
	}
	return key, a, nil
}

// maxActionConns bounds how many connections one action request reaches.
const maxActionConns = 64

// awaitApplied waits until n connections applied an action, or appliedWait.
func awaitApplied(applied <-chan struct{}, n int) {
	t := time.NewTimer(appliedWait)
	defer t.Stop()
	for range n {
		select {
		case <-applied:
		case <-t.C:
			return
		}
	}
}

// act hands a to every registered connection of key, at most
// maxActionConns; it returns how many took it. A connection that still has
// an earlier action pending is skipped.
func (s *Server) act(key string, a action) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for ch, k := range s.actions {
		if k != key || n == maxActionConns {
			continue
		}
		select {
		case ch <- a:
			n++
		default:
		}
	}
	return n
}

// register makes ch receive the actions for key until the returned function
// runs. upgrade registers before the 101 goes out, so a client that saw its
// connection open can act on it at once.
func (s *Server) register(key string, ch chan<- action) (unregister func()) {
	s.mu.Lock()
	s.actions[ch] = key
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		delete(s.actions, ch)
		s.mu.Unlock()
	}
}
