//go:build !js

package testserver

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Bounds on what the stats table keeps, so a long-running server stays small.
const (
	maxKeys  = 10_000 // distinct keys; further keys are refused with 400
	maxTimes = 1_000  // handshake timestamps kept per key (the newest)
)

// KeyStats counts the handshakes the server saw for one key= value.
type KeyStats struct {
	// Handshakes counts every handshake request with valid parameters.
	Handshakes int `json:"handshakes"`
	// Accepted counts handshakes answered with 101 Switching Protocols.
	Accepted int `json:"accepted"`
	// Rejected counts handshakes refused with an HTTP status.
	Rejected int `json:"rejected"`
}

type keyEntry struct {
	KeyStats
	times []time.Time
}

// statsTable holds a keyEntry per key. It is safe for concurrent use.
type statsTable struct {
	mu   sync.Mutex
	keys map[string]*keyEntry
}

func newStatsTable() *statsTable { return &statsTable{keys: make(map[string]*keyEntry)} }

// handshake records a handshake for key now and returns its 1-based number for
// that key; ok is false when the table is full.
func (t *statsTable) handshake(key string, now time.Time) (n int, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.keys[key]
	if e == nil {
		if len(t.keys) >= maxKeys {
			return 0, false
		}
		e = &keyEntry{}
		t.keys[key] = e
	}
	e.Handshakes++
	if len(e.times) == maxTimes {
		e.times = append(e.times[:0], e.times[1:]...)
	}
	e.times = append(e.times, now)
	return e.Handshakes, true
}

// accept records an accepted handshake and returns the 1-based accept number.
func (t *statsTable) accept(key string) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.keys[key]
	if e == nil { // not counted by handshake: cannot happen, but never panic
		return 0
	}
	e.Accepted++
	return e.Accepted
}

func (t *statsTable) reject(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if e := t.keys[key]; e != nil {
		e.Rejected++
	}
}

func (t *statsTable) get(key string) (KeyStats, []time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.keys[key]
	if e == nil {
		return KeyStats{}, []time.Time{}
	}
	return e.KeyStats, append(make([]time.Time, 0, len(e.times)), e.times...)
}

func (t *statsTable) all() map[string]KeyStats {
	t.mu.Lock()
	defer t.mu.Unlock()
	m := make(map[string]KeyStats, len(t.keys))
	for k, e := range t.keys {
		m[k] = e.KeyStats
	}
	return m
}

// Stats returns the counts for key ("" is the key of requests without key=).
func (s *Server) Stats(key string) KeyStats {
	st, _ := s.stats.get(key)
	return st
}

// Handshakes returns the times of the handshakes recorded for key, oldest first
// (at most the newest 1000), so tests can check the spacing of reconnect attempts.
func (s *Server) Handshakes(key string) []time.Time {
	_, times := s.stats.get(key)
	return times
}

// keyReport is the /stats?key=K answer.
type keyReport struct {
	KeyStats
	HandshakeTimes []time.Time `json:"handshake_times"`
}

// handleStats serves /stats: every key's counts, or with key=K that key's counts
// and handshake times.
func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var body any = s.stats.all()
	if _, one := q["key"]; one {
		key, err := parseKey(q)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		st, times := s.stats.get(key)
		body = keyReport{KeyStats: st, HandshakeTimes: times}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(body)
}
