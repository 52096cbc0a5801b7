//go:build !js

package testserver

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Defaults for zero Options fields.
const (
	// DefaultReadLimit is the largest message the server reads when
	// Options.ReadLimit is zero.
	DefaultReadLimit = 1 << 20
	// DefaultMaxSilent bounds how long a silent connection (blackhole_after,
	// slow_read) is kept when Options.MaxSilent is zero.
	DefaultMaxSilent = 5 * time.Minute
)

// SlowReadBuffer is the receive buffer (SO_RCVBUF), in bytes, a slow_read
// connection is pinned to before the 101 response goes out. Setting it turns
// the kernel's TCP autotuning off for that socket, so the server side holds the
// same small amount of the client's data on every machine, whatever
// net.ipv4.tcp_rmem allows (its maximum is 6 MiB on Debian, 32 MiB on some
// hosts). Linux reserves twice the value, half for bookkeeping, and reports
// that. The client's own send buffer comes on top of it.
const SlowReadBuffer = 32 << 10

// closeGrace bounds how long the server waits for the peer's answer to a close
// frame it sent before it drops the TCP connection.
const closeGrace = 2 * time.Second

// Options configures a [Server]. The zero value is usable.
type Options struct {
	// Subprotocols lists the subprotocols the server supports. The server picks the
	// first entry of the client's offer, in the client's order, that is in this list
	// (exact, case-sensitive match). Nil: the server never selects one.
	Subprotocols []string

	// Logger receives connection events. Nil: silent. Query strings are never
	// logged (they may carry credentials); only the path and key= are.
	Logger *slog.Logger

	// ReadLimit is the largest message, in bytes, the server accepts; a larger one
	// closes the connection with 1009. Zero: DefaultReadLimit. Negative: no limit.
	ReadLimit int64

	// MaxSilent bounds how long a connection stays silent (after blackhole_after,
	// or under slow_read) before the server drops it, because a silent server
	// cannot notice that the client went away. Zero: DefaultMaxSilent.
	MaxSilent time.Duration

	// OriginPatterns lists extra Origin hosts allowed to connect (path.Match
	// patterns, as in websocket.AcceptOptions). Nil: only requests whose Origin
	// is absent or matches the Host, which is what Go clients send.
	OriginPatterns []string

	// AllowNonLoopback lets [Start] listen on an address that is not loopback.
	// False: Start refuses such an address. It does not affect the handler.
	AllowNonLoopback bool
}

// Server is the test WebSocket server, an [http.Handler]. The routes and their
// query parameters are listed in the package documentation.
//
// All methods are safe for concurrent use. Every upgraded connection is served on
// the request's goroutine plus at most one helper goroutine; [Server.Close] closes
// every connection and waits for all of them.
type Server struct {
	opts   Options
	log    *slog.Logger
	mux    *http.ServeMux
	stats  *statsTable
	base   context.Context // cancelled by Close
	cancel context.CancelFunc

	mu      sync.Mutex
	closed  bool
	live    map[*tapConn]struct{}
	actions map[chan<- action]string // each /echo or /chaos connection's actions, by key
	wg      sync.WaitGroup           // every request that may hijack its connection
}

// New returns a server with the given options.
func New(opts Options) *Server {
	if opts.ReadLimit == 0 {
		opts.ReadLimit = DefaultReadLimit
	}
	if opts.MaxSilent <= 0 {
		opts.MaxSilent = DefaultMaxSilent
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		opts: opts, log: log, stats: newStatsTable(),
		base: ctx, cancel: cancel, live: make(map[*tapConn]struct{}),
		actions: make(map[chan<- action]string),
	}
	s.mux = s.routes()
	return s
}

// ServeHTTP serves the server's routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Conns reports how many connections the server has upgraded (by coder/websocket
// or by a hand-written 101) and not yet closed.
func (s *Server) Conns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.live)
}

// DropAll closes the TCP connection under every live WebSocket at once, with no
// close frame: each client sees EOF or a reset, as after a crash or a cut cable.
func (s *Server) DropAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.live {
		_ = c.Close()
	}
}

// Close closes every live connection and waits for every goroutine serving one.
// A connection that can still talk gets a 1001 "server closing" close frame and
// up to 2 s for the answer; a silent one (blackhole, slow_read) or one with a
// hand-written handshake is just dropped. WebSocket requests arriving afterwards
// get 503. Close is idempotent. It does not stop a listener: see [Running.Close].
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.wg.Wait()
}

// begin registers a request that may hijack its connection; false once closed.
func (s *Server) begin(w http.ResponseWriter) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		http.Error(w, "testserver: server closed", http.StatusServiceUnavailable)
		return false
	}
	s.wg.Add(1)
	return true
}

// track adds c to the live set and returns the function that removes it.
func (s *Server) track(c *tapConn) (untrack func()) {
	s.mu.Lock()
	s.live[c] = struct{}{}
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		delete(s.live, c)
		s.mu.Unlock()
	}
}

// acceptOptions returns the coder/websocket options for Accept. Subprotocol
// selection is done by selectSubprotocol, not by coder/websocket, whose order is
// the server's preference.
func (s *Server) acceptOptions() *websocket.AcceptOptions {
	return &websocket.AcceptOptions{OriginPatterns: s.opts.OriginPatterns}
}

// selectSubprotocol returns the first protocol of the client's offer, in the
// client's order, that the server supports; "" if none.
func (s *Server) selectSubprotocol(r *http.Request) string {
	for _, offered := range offeredProtocols(r.Header) {
		for _, supported := range s.opts.Subprotocols {
			if offered == supported {
				return offered
			}
		}
	}
	return ""
}
