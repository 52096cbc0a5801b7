//go:build !js

package main

import (
	"bufio"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/tetherws/tether/internal/testserver"
)

// portsFor is the number of server ports for n clients: one per
// clientsPerPort, rounded up. (The server runs in a child process in
// roleServer, so that its memory, goroutines and CPU are not counted as the
// clients'.)
func portsFor(n int) int {
	return (n + clientsPerPort - 1) / clientsPerPort
}

// Where the server sends a client's first reconnect attempt under
// --server-reply (routes and parameters of internal/testserver).
var replyTargets = map[string]string{
	// every accepted connection of this key is closed at once with 1013
	reply1013: "/echo?key=fleet-1013&accept_then_close=1000000&code=1013",
	// every handshake is refused with 503 and Retry-After: 1
	replyRetryAfter: "/reject?key=fleet-503&status=503&retry_after=1",
}

// fleetHello is the server's first line: where it listens.
type fleetHello struct {
	Addrs  []string `json:"addrs"`
	NoFile uint64   `json:"nofile"`
	Error  string   `json:"error,omitempty"`
}

// fleetServerReport is the server's view of the storm.
type fleetServerReport struct {
	AcceptsMS []float64 `json:"accepts_ms"` // accepts after the drop (not those diverted by --server-reply), ms after it
	Attempts  int       `json:"attempts"`   // handshakes after the drop
	Replies   int       `json:"replies"`    // first attempts answered per --server-reply
	Conns     int       `json:"conns"`      // open WebSockets now
	CPUMS     float64   `json:"cpu_ms"`     // server CPU since the drop

	DropUnixNano int64 `json:"drop_unix_ns"` // wall clock of the drop; 0 before it
}

// fleetServer serves testserver's routes on several loopback ports, records
// when connections are accepted after the drop and diverts each client's
// first attempt after it per --server-reply. Clients carry fleet=INDEX.
type fleetServer struct {
	srv   *testserver.Server
	hs    []*http.Server
	addrs []string
	reply string
	wg    sync.WaitGroup

	mu      sync.Mutex
	dropped bool
	dropAt  time.Time
	cpuAt   time.Duration
	replied []bool
	accepts []time.Duration
	tries   int
	replies int
}

// startFleetServer listens on one loopback port per clientsPerPort clients
// and serves each on a goroutine of its own, which close waits for.
func startFleetServer(cfg *fleetConfig) (*fleetServer, error) {
	f := &fleetServer{srv: testserver.New(testserver.Options{}), reply: cfg.reply,
		replied: make([]bool, cfg.clients)}
	for range portsFor(cfg.clients) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			f.close()
			return nil, err
		}
		hs := &http.Server{Handler: f, ReadHeaderTimeout: 30 * time.Second}
		f.hs, f.addrs = append(f.hs, hs), append(f.addrs, ln.Addr().String())
		f.wg.Go(func() { _ = hs.Serve(ln) })
	}
	return f, nil
}

// close stops the listeners, drops every connection and waits for the
// serving goroutines.
func (f *fleetServer) close() {
	for _, hs := range f.hs {
		_ = hs.Close()
	}
	f.srv.DropAll()
	f.srv.Close()
	f.wg.Wait()
}

// ServeHTTP serves testserver's routes, diverting a first attempt after
// the drop per --server-reply and recording the others' accepts.
func (f *fleetServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/echo" {
		f.srv.ServeHTTP(w, r)
		return
	}
	id, err := strconv.Atoi(r.URL.Query().Get("fleet"))
	if err != nil {
		id = -1
	}
	if target, ok := f.divert(id); ok {
		r = r.Clone(r.Context())
		r.URL, _ = url.Parse(target)
		f.srv.ServeHTTP(w, r)
		return
	}
	f.srv.ServeHTTP(&acceptRecorder{ResponseWriter: w, f: f}, r)
}

// divert counts an attempt after the drop and says whether it is client id's
// first, to be answered per --server-reply, and where to.
func (f *fleetServer) divert(id int) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.dropped {
		return "", false
	}
	f.tries++
	target, ok := replyTargets[f.reply]
	if !ok || id < 0 || id >= len(f.replied) || f.replied[id] {
		return "", false
	}
	f.replied[id] = true
	f.replies++
	return target, true
}

// accepted records an accept at t, when it came after the drop.
func (f *fleetServer) accepted(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dropped {
		f.accepts = append(f.accepts, t.Sub(f.dropAt))
	}
}

// drop starts the storm: every connection loses its TCP connection at once.
func (f *fleetServer) drop() {
	f.mu.Lock()
	f.dropped, f.dropAt, f.cpuAt = true, time.Now(), cpuTime()
	f.mu.Unlock()
	f.srv.DropAll()
}

// report is the server's view of the storm so far.
func (f *fleetServer) report() fleetServerReport {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := fleetServerReport{Attempts: f.tries, Replies: f.replies, Conns: f.srv.Conns(),
		AcceptsMS: make([]float64, len(f.accepts))}
	for i, d := range f.accepts {
		r.AcceptsMS[i] = ms(d)
	}
	slices.Sort(r.AcceptsMS)
	if f.dropped {
		r.DropUnixNano = f.dropAt.UnixNano()
	}
	if cpu := cpuTime(); cpu >= 0 && f.dropped {
		r.CPUMS = ms(cpu - f.cpuAt)
	}
	return r
}

// acceptRecorder notes the time of each upgrade (the hijack before the 101).
type acceptRecorder struct {
	http.ResponseWriter
	f *fleetServer
}

// Hijack hijacks the connection and records the accept.
func (a *acceptRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, brw, err := http.NewResponseController(a.ResponseWriter).Hijack()
	if err == nil {
		a.f.accepted(time.Now())
	}
	return c, brw, err
}

// Unwrap returns the ResponseWriter it wraps, for http.ResponseController.
func (a *acceptRecorder) Unwrap() http.ResponseWriter { return a.ResponseWriter }
