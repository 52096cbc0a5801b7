//go:build !js

package testserver

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /echo", s.handleChaos)
	mux.HandleFunc("GET /chaos", s.handleChaos)
	mux.HandleFunc("GET /reject", s.handleReject)
	mux.HandleFunc("GET /stats", s.handleStats)
	mux.HandleFunc("GET /drop", s.handleAction(actDrop))
	mux.HandleFunc("GET /blackhole", s.handleAction(actBlackhole))
	mux.HandleFunc("GET /close", s.handleAction(actClose))
	mux.HandleFunc("GET /subprotocol/none", s.handleNone)
	mux.HandleFunc("GET /subprotocol/bogus", s.rawRoute("not-offered", false, rawFin))
	mux.HandleFunc("GET /subprotocol/multi", s.rawRoute("a, b", true, rawFin))
	mux.HandleFunc("GET /subprotocol/select", s.rawRoute("", false, rawEcho))
	return mux
}

// handleChaos serves /echo and /chaos: an echo server driven by query parameters.
func (s *Server) handleChaos(w http.ResponseWriter, r *http.Request) {
	sc, err := parseScript(r.URL.Query())
	if err != nil {
		badRequest(w, err)
		return
	}
	if !s.begin(w) {
		return
	}
	defer s.wg.Done()
	n, ok := s.handshake(w, r, sc.key)
	if !ok {
		return
	}
	if sc.rejects(n) {
		s.reject(w, r, sc)
		return
	}
	if proto := s.selectSubprotocol(r); proto != "" {
		w.Header().Set("Sec-WebSocket-Protocol", proto)
	}
	s.upgrade(w, r, sc)
}

// handleNone serves /subprotocol/none: an echo server that never selects a
// subprotocol, whatever the client offers.
func (s *Server) handleNone(w http.ResponseWriter, r *http.Request) {
	key, err := parseKey(r.URL.Query())
	if err != nil {
		badRequest(w, err)
		return
	}
	if !s.begin(w) {
		return
	}
	defer s.wg.Done()
	if _, ok := s.handshake(w, r, key); ok {
		s.upgrade(w, r, script{key: key})
	}
}

// handleReject serves /reject: a plain HTTP refusal of any GET, handshake or not.
func (s *Server) handleReject(w http.ResponseWriter, r *http.Request) {
	sc, err := parseReject(r.URL.Query())
	if err != nil {
		badRequest(w, err)
		return
	}
	if _, ok := s.count(w, r, sc.key); ok {
		s.reject(w, r, sc)
	}
}

// handshake checks the upgrade request and counts it for key. It answers the
// request itself and returns ok false when the request cannot go on.
func (s *Server) handshake(w http.ResponseWriter, r *http.Request, key string) (n int, ok bool) {
	if err := checkUpgrade(r); err != nil {
		badRequest(w, err)
		return 0, false
	}
	return s.count(w, r, key)
}

// count records a handshake for key and returns its 1-based number.
func (s *Server) count(w http.ResponseWriter, r *http.Request, key string) (n int, ok bool) {
	n, ok = s.stats.handshake(key, time.Now())
	if !ok {
		badRequest(w, fmt.Errorf("too many distinct key= values (limit %d)", maxKeys))
		return 0, false
	}
	s.log.Debug("testserver: handshake", "path", r.URL.Path, "key", key, "n", n)
	return n, true
}

// reject refuses the handshake with sc.status and, when set, Retry-After.
func (s *Server) reject(w http.ResponseWriter, r *http.Request, sc script) {
	s.stats.reject(sc.key)
	s.log.Debug("testserver: reject", "path", r.URL.Path, "key", sc.key, "status", sc.status)
	if sc.retryAfter >= 0 {
		w.Header().Set("Retry-After", strconv.Itoa(sc.retryAfter))
	}
	http.Error(w, fmt.Sprintf("testserver: handshake refused with %d", sc.status), sc.status)
}

func badRequest(w http.ResponseWriter, err error) {
	http.Error(w, "testserver: "+err.Error(), http.StatusBadRequest)
}

// checkUpgrade checks the parts of a WebSocket upgrade request every route needs.
func checkUpgrade(r *http.Request) error {
	switch {
	case !headerHasToken(r.Header, "Connection", "upgrade"):
		return errors.New("not a WebSocket handshake: Connection header lacks Upgrade")
	case !headerHasToken(r.Header, "Upgrade", "websocket"):
		return errors.New("not a WebSocket handshake: Upgrade header lacks websocket")
	case r.Header.Get("Sec-WebSocket-Version") != "13":
		return errors.New("Sec-WebSocket-Version must be 13")
	}
	keys := r.Header.Values("Sec-WebSocket-Key")
	if len(keys) != 1 {
		return errors.New("want exactly one Sec-WebSocket-Key header")
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(keys[0]))
	if err != nil || len(b) != 16 {
		return errors.New("Sec-WebSocket-Key must be 16 bytes in base64")
	}
	return nil
}

// headerHasToken reports whether any comma-separated value of header name equals
// token, ignoring case.
func headerHasToken(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for t := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// offeredProtocols returns the client's Sec-WebSocket-Protocol offer in order.
func offeredProtocols(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Sec-WebSocket-Protocol") {
		for t := range strings.SplitSeq(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

func (s *Server) handleIndex(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = fmt.Fprint(w, indexText)
}

const indexText = `Tether test server. WebSocket routes:
  /echo, /chaos        echo; query: key drop_after close_after code reason blackhole_after
                       status retry_after app_ping server_ping_every delay_ms slow_read hold
                       fail_first accept_then_close (durations in milliseconds)
  /reject              refuse the handshake; query: status (400) retry_after key
  /subprotocol/none    echo, never selects a subprotocol
  /subprotocol/bogus   101 selecting proto (default "not-offered") whatever was offered
  /subprotocol/select  101 selecting exactly proto
  /subprotocol/multi   101 with "Sec-WebSocket-Protocol: a, b"
HTTP routes:
  /stats               JSON counts per key; /stats?key=K adds handshake times
  /drop, /blackhole    now, to every live /echo or /chaos WebSocket opened with
  /close               key=K (required): drop it, make it silent, or close it
                       with code (1000) and reason; answers {"connections":N}
`
