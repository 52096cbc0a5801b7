//go:build !js

package testserver

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// wsGUID is the RFC 6455 constant appended to Sec-WebSocket-Key.
const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

// secWebSocketAccept computes the Sec-WebSocket-Accept value for key.
func secWebSocketAccept(key string) string {
	h := sha1.Sum([]byte(key + wsGUID))
	return base64.StdEncoding.EncodeToString(h[:])
}

// rawMode is what a hand-written route does after its 101 response.
type rawMode int

const (
	// rawEcho echoes frames minimally (see echoFrames), so a client that accepts
	// the handshake still gets a working peer and a clean close.
	rawEcho rawMode = iota
	// rawFin half-closes the server's side at once (TCP FIN) and discards what
	// the client sends until it closes. The client is expected to reject the
	// handshake, and coder/websocket's Dial, after a failed check, reads up to
	// 1 KiB of the body for up to 3 s: the FIN ends that wait at once.
	rawFin
)

// rawRoute returns a handler that writes its own 101 response selecting proto:
// the proto= parameter (def when absent), or always def when fixed.
func (s *Server) rawRoute(def string, fixed bool, mode rawMode) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key, proto, err := parseProto(r.URL.Query(), def)
		if fixed && err == nil {
			key, err = parseKey(r.URL.Query())
			proto = def
		}
		if err != nil {
			badRequest(w, err)
			return
		}
		if !s.begin(w) {
			return
		}
		defer s.wg.Done()
		if _, ok := s.handshake(w, r, key); ok {
			s.serveRaw(w, r, rawReq{key: key, proto: proto, mode: mode})
		}
	}
}

// rawReq is what a hand-written route was asked for.
type rawReq struct {
	key, proto string
	mode       rawMode
}

// serveRaw hijacks the connection, writes the 101 by hand and then follows mode
// until the client closes, the server closes or DropAll.
func (s *Server) serveRaw(w http.ResponseWriter, r *http.Request, rq rawReq) {
	key, proto := rq.key, rq.proto
	hw := &hijackWriter{ResponseWriter: w}
	_, brw, err := hw.Hijack()
	if err != nil {
		s.stats.reject(key)
		http.Error(w, "testserver: hijack: "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer hw.conn.Close()
	defer s.track(hw.conn)()
	defer closeOnDone(s.base, hw.conn)()
	s.stats.accept(key)
	s.log.Info("testserver: open (hand-written handshake)", "path", r.URL.Path, "key", key, "subprotocol", proto)
	accept := secWebSocketAccept(strings.TrimSpace(r.Header.Get("Sec-WebSocket-Key")))
	_, _ = fmt.Fprintf(brw.Writer, "HTTP/1.1 101 Switching Protocols\r\n"+
		"Upgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Accept: %s\r\nSec-WebSocket-Protocol: %s\r\n\r\n", accept, proto)
	if brw.Flush() != nil {
		return
	}
	buffered, _ := brw.Reader.Peek(brw.Reader.Buffered())
	br := bufio.NewReader(io.MultiReader(bytes.NewReader(buffered), hw.conn))
	if rq.mode == rawFin {
		hw.conn.closeWrite()
		_, err = io.Copy(io.Discard, br)
	} else {
		err = echoFrames(br, brw.Writer, s.rawLimit())
	}
	s.log.Info("testserver: closed (hand-written handshake)", "path", r.URL.Path, "key", key, "err", err)
}

// rawLimit is the largest frame payload the hand-written routes accept.
func (s *Server) rawLimit() uint64 {
	if s.opts.ReadLimit < 0 {
		return DefaultReadLimit
	}
	return uint64(s.opts.ReadLimit)
}
