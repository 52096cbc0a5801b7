//go:build !js

package testserver

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// pingMessage is what server_ping_every sends.
var pingMessage = []byte(`{"type":"ping"}`)

// session is one upgraded WebSocket connection and the script it follows.
type session struct {
	srv     *Server
	sc      script
	ws      *websocket.Conn
	conn    *tapConn
	path    string
	opened  time.Time     // the upgrade: the script's times count from it
	actions <-chan action // from /drop, /blackhole and /close
}

// upgrade accepts the WebSocket handshake and serves the connection by sc until
// it ends. The caller has already set any Sec-WebSocket-Protocol to select.
func (s *Server) upgrade(w http.ResponseWriter, r *http.Request, sc script) {
	actions := make(chan action, 1)
	defer s.register(sc.key, actions)()
	hw := &hijackWriter{ResponseWriter: w, readBuffer: sc.readBuffer()}
	ws, err := websocket.Accept(hw, r, s.acceptOptions())
	if err != nil {
		s.stats.reject(sc.key)
		s.log.Debug("testserver: accept failed", "path", r.URL.Path, "key", sc.key, "err", err)
		return
	}
	ws.SetReadLimit(max(s.opts.ReadLimit, -1))
	n := s.stats.accept(sc.key)
	defer s.track(hw.conn)()
	ss := &session{srv: s, sc: sc, ws: ws, conn: hw.conn, path: r.URL.Path, opened: time.Now(), actions: actions}
	s.log.Info("testserver: open", "path", ss.path, "key", sc.key, "subprotocol", ws.Subprotocol())
	if n <= sc.acceptThenClose {
		ss.closeWithin(sc.closeCode(websocket.StatusInternalError), "accept_then_close")
	} else {
		ss.run()
	}
	_ = ws.CloseNow()
	s.log.Info("testserver: closed", "path", ss.path, "key", sc.key)
}

// readBuffer returns the receive buffer to pin on the connection: under
// slow_read, SlowReadBuffer, so that what the client can write before it
// stalls does not depend on the kernel's TCP autotuning; 0 (the kernel's
// choice) otherwise.
func (sc *script) readBuffer() int {
	if sc.slowRead {
		return SlowReadBuffer
	}
	return 0
}

// closeCode returns the code= parameter, or def when it was not given.
func (sc *script) closeCode(def websocket.StatusCode) websocket.StatusCode {
	if sc.code == 0 {
		return def
	}
	return sc.code
}

// run serves the connection: this goroutine reads (or, under slow_read, waits),
// and one helper goroutine runs the timed part of the script.
func (ss *session) run() {
	ctx, cancel := context.WithCancel(ss.srv.base)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		ss.timeline(ctx)
	}()
	if ss.sc.slowRead {
		<-ss.conn.closed
	} else {
		ss.readLoop(ctx)
	}
	cancel()
	wg.Wait()
}

// readLoop reads messages and answers them until the connection fails.
func (ss *session) readLoop(ctx context.Context) {
	for {
		typ, data, err := ss.ws.Read(context.Background())
		if err != nil {
			ss.srv.log.Debug("testserver: read ended", "path", ss.path, "key", ss.sc.key, "err", err)
			return
		}
		if err := ss.answer(ctx, typ, data); err != nil {
			return
		}
	}
}

// send writes one message. Reads and writes never use a cancellable context:
// coder/websocket drops the connection when an operation's context is cancelled,
// even just after the operation completed, which would race with the graceful
// close of Server.Close. A write that blocks is ended by the connection's
// deadline or closure instead (closeWithin, drop_after, DropAll, MaxSilent).
func (ss *session) send(typ websocket.MessageType, data []byte) error {
	return ss.ws.Write(context.Background(), typ, data)
}

// answer handles one message: an app ping gets a pong, a pong to the server's own
// pings is dropped, and the rest is echoed unless hold is set.
func (ss *session) answer(ctx context.Context, typ websocket.MessageType, data []byte) error {
	msgType, obj := jsonType(typ, data)
	switch {
	case ss.sc.appPing && msgType == "ping":
		obj["type"] = json.RawMessage(`"pong"`)
		pong, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		return ss.send(websocket.MessageText, pong)
	case ss.sc.pingEvery > 0 && msgType == "pong", ss.sc.hold:
		return nil
	}
	if err := wait(ctx, ss.sc.delay); err != nil {
		return err
	}
	return ss.send(typ, data)
}

// jsonType returns the "type" field of a text message holding a JSON object, and
// the object; "" when the message is not such an object.
func jsonType(typ websocket.MessageType, data []byte) (string, map[string]json.RawMessage) {
	if typ != websocket.MessageText {
		return "", nil
	}
	var obj map[string]json.RawMessage
	var t string
	if json.Unmarshal(data, &obj) != nil || json.Unmarshal(obj["type"], &t) != nil {
		return "", nil
	}
	return t, obj
}

// wait waits d or until ctx is done.
func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// closeWithin sends a close frame and waits at most closeGrace for the answer.
func (ss *session) closeWithin(code websocket.StatusCode, reason string) {
	_ = ss.conn.SetDeadline(time.Now().Add(closeGrace))
	err := ss.ws.Close(code, reason)
	ss.srv.log.Debug("testserver: close sent", "path", ss.path, "key", ss.sc.key, "code", code, "err", err)
}
