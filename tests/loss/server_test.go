//go:build !js

package loss

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"github.com/tetherws/tether/tests/loss/sender"
)

// read is one data message the server read.
type read struct {
	seq, ck int
	conn    int   // the connection's accept number (server-wide, from 1)
	at      int64 // Unix ms
}

// clientLog is what the server read from one client, in the order it read it.
type clientLog struct {
	mu    sync.Mutex
	reads []read
	conns int
}

// recorder is the recording WebSocket server: it records every data message
// it reads, per client (?id=), and answers the application ping.
type recorder struct {
	ln      net.Listener
	srv     *http.Server
	ctx     context.Context // cancelled to end handlers that never see an end
	cancel  context.CancelFunc
	accepts atomic.Int64
	garbage atomic.Int64 // data messages that are not "id:seq:ck"
	pongs   atomic.Int64
	handler sync.WaitGroup

	mu      sync.Mutex
	clients map[string]*clientLog
	closed  bool // finish has begun: no new handler
}

func startRecorder() (*recorder, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &recorder{ln: ln, clients: map[string]*clientLog{}}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	r.srv = &http.Server{Handler: http.HandlerFunc(r.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = r.srv.Serve(ln) }()
	return r, nil
}

func (r *recorder) addr() string { return r.ln.Addr().String() }

func (r *recorder) client(id string) *clientLog {
	r.mu.Lock()
	defer r.mu.Unlock()
	cl := r.clients[id]
	if cl == nil {
		cl = &clientLog{}
		r.clients[id] = cl
	}
	return cl
}

// enter counts a handler in, unless finish has begun.
func (r *recorder) enter() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return false
	}
	r.handler.Add(1)
	return true
}

// serve reads one connection until it ends; pongs go out on a writer of
// their own so that a peer that does not read never stops the reading.
func (r *recorder) serve(w http.ResponseWriter, req *http.Request) {
	if !r.enter() {
		return
	}
	defer r.handler.Done()
	c, err := websocket.Accept(w, req, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	defer c.CloseNow()
	conn := int(r.accepts.Add(1))
	cl := r.client(req.URL.Query().Get("id"))
	cl.mu.Lock()
	cl.conns++
	cl.mu.Unlock()
	ctx, cancel := context.WithCancel(r.ctx)
	defer cancel()
	pongs := make(chan struct{}, 4096)
	done := make(chan struct{})
	go func() { defer close(done); r.writePongs(ctx, c, pongs) }()
	r.readAll(ctx, c, cl, conn, pongs)
	cancel()
	<-done
}

func (r *recorder) readAll(ctx context.Context, c *websocket.Conn, cl *clientLog, conn int, pongs chan<- struct{}) {
	for {
		_, b, err := c.Read(ctx)
		if err != nil {
			return
		}
		if sender.IsPing(b) {
			select {
			case pongs <- struct{}{}:
			default: // 4096 unanswered pings: the client has long given up
			}
			continue
		}
		_, seq, ck, ok := sender.Parse(string(b))
		if !ok {
			r.garbage.Add(1)
			continue
		}
		at := time.Now().UnixMilli()
		cl.mu.Lock()
		cl.reads = append(cl.reads, read{seq: seq, ck: ck, conn: conn, at: at})
		cl.mu.Unlock()
	}
}

func (r *recorder) writePongs(ctx context.Context, c *websocket.Conn, pongs <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-pongs:
		}
		if c.Write(ctx, websocket.MessageText, []byte(sender.PongText)) != nil {
			return
		}
		r.pongs.Add(1)
	}
}

// finish waits until every handler has returned, that is until the server
// has read all it will read (the caller has closed every path to it first);
// after timeout it cancels the handlers and reports that.
func (r *recorder) finish(timeout time.Duration) error {
	_ = r.ln.Close()
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	done := make(chan struct{})
	go func() { r.handler.Wait(); close(done) }()
	t := time.NewTimer(timeout)
	defer t.Stop()
	var err error
	select {
	case <-done:
	case <-t.C:
		err = errors.New("server connections still open after every path to them was closed")
		r.cancel()
		<-done
	}
	r.cancel()
	_ = r.srv.Close()
	return err
}

// logs returns a copy of every client's reads.
func (r *recorder) logs() map[string][]read {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string][]read, len(r.clients))
	for id, cl := range r.clients {
		cl.mu.Lock()
		out[id] = append([]read(nil), cl.reads...)
		cl.mu.Unlock()
	}
	return out
}
