//go:build !js

// Package faultproxy is a loopback TCP proxy that injects network failures between a
// client and a server: abrupt cuts, resets, a silent (blackholed) path, refused
// connections and a long link's delay. Tests put it between a Tether client and a
// test server to check reconnect, heartbeat and delivery behaviour against what a
// real network does.
//
// The proxy always listens on 127.0.0.1 on a free port and forwards each accepted
// connection to one fixed target.
//
// # Concurrency
//
// Every method of [Proxy] is safe for concurrent use. Each proxied connection runs
// two goroutines (one per direction; four with [Proxy.SetDelay], a reader and a
// writer per direction) plus the accept loop; [Proxy.Close] stops the listener,
// closes every connection and waits for all of those goroutines.
package faultproxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DialTimeout bounds how long the proxy waits to connect to its target for one
// accepted connection. When it expires the client connection is reset.
const DialTimeout = 5 * time.Second

// acceptRetry is how long the accept loop waits after a transient Accept error
// (for example too many open files) before it tries again.
const acceptRetry = 10 * time.Millisecond

// Proxy forwards TCP connections from a loopback listener to a target and can
// inject failures into them. Create it with [New]; release it with [Proxy.Close].
type Proxy struct {
	ln     net.Listener
	target string
	ctx    context.Context // cancelled by Close; bounds dials to the target
	cancel context.CancelFunc

	blackhole atomic.Bool
	refuse    atomic.Bool
	delay     atomic.Int64 // time.Duration: SetDelay
	accepted  atomic.Int64
	refused   atomic.Int64
	swallowed atomic.Int64
	traffic   counters

	mu     sync.Mutex
	closed bool
	pairs  map[*pair]struct{}
	wg     sync.WaitGroup // accept loop and every connection goroutine
}

// New starts a proxy listening on 127.0.0.1 on a free port that forwards every
// accepted connection to target ("host:port").
func New(target string) (*Proxy, error) {
	if _, _, err := net.SplitHostPort(target); err != nil {
		return nil, fmt.Errorf("faultproxy: bad target %q: %w", target, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: listen: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Proxy{ln: ln, target: target, ctx: ctx, cancel: cancel, pairs: make(map[*pair]struct{})}
	p.wg.Add(1)
	go p.acceptLoop()
	return p, nil
}

// Addr returns the proxy's listening address as host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// URL returns scheme://host:port/path for the proxy, for example
// p.URL("ws", "/echo"). A missing leading slash on path is added.
func (p *Proxy) URL(scheme, path string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return scheme + "://" + p.Addr() + path
}

// Conns reports how many connections are being proxied right now.
func (p *Proxy) Conns() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.pairs)
}

// Accepted reports how many TCP connections the listener has accepted in total,
// including the ones closed at once by [Proxy.Refuse].
func (p *Proxy) Accepted() int { return int(p.accepted.Load()) }

// Refused reports how many accepted connections were reset at once because
// [Proxy.Refuse] was on (or because the target could not be reached).
func (p *Proxy) Refused() int { return int(p.refused.Load()) }

// Swallowed reports how many bytes [Proxy.Blackhole] has discarded in total, in
// both directions. Tests can wait on it to know a write reached the proxy.
func (p *Proxy) Swallowed() int64 { return p.swallowed.Load() }

// CutAll closes both sides of every current connection at once, as if the path
// died: each peer sees EOF (or a reset if it had unread data) and no protocol-level
// goodbye. New connections are not affected.
func (p *Proxy) CutAll() { p.eachPair((*pair).close) }

// ResetAll aborts every current connection with a TCP RST on both sides (linger
// zero, then close), so each peer sees "connection reset by peer".
func (p *Proxy) ResetAll() { p.eachPair((*pair).reset) }

// Blackhole turns the silent path on or off. While on, bytes in both directions are
// read and discarded and no close or reset is passed on, but every TCP connection
// stays open: writes succeed and nothing arrives, like a peer that went silent.
// It applies to existing and new connections. Swallowed bytes are lost for good:
// after Blackhole(false) forwarding resumes with the next bytes read, so a framed
// protocol stream is usually corrupt from then on and the peers should reconnect.
func (p *Proxy) Blackhole(on bool) { p.blackhole.Store(on) }

// Refuse turns refusal of new connections on or off. While on, each new connection
// is accepted and immediately reset (RST), so a client fails fast instead of
// hanging: either the TCP connect itself reports "connection reset by peer" (the
// RST can arrive before connect returns) or the first read or write of the
// handshake fails. The listener stays open, so [Proxy.Addr] never changes (a closed
// and reopened port could be taken by someone else); existing connections are not
// affected.
func (p *Proxy) Refuse(on bool) { p.refuse.Store(on) }

// Close stops the listener, closes every connection and waits for every goroutine
// the proxy started. It is idempotent; later calls return nil.
func (p *Proxy) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	err := p.ln.Close()
	for pr := range p.pairs {
		pr.close()
	}
	p.mu.Unlock()
	p.cancel()
	p.wg.Wait()
	return err
}

func (p *Proxy) eachPair(f func(*pair)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for pr := range p.pairs {
		f(pr)
	}
}

func (p *Proxy) acceptLoop() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || !p.pause() {
				return
			}
			continue
		}
		p.accepted.Add(1)
		if p.refuse.Load() || !p.spawn(c) {
			p.refused.Add(1)
			resetConn(c)
		}
	}
}

// pause waits a little after a transient Accept error; false means the proxy closed.
func (p *Proxy) pause() bool {
	t := time.NewTimer(acceptRetry)
	defer t.Stop()
	select {
	case <-p.ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// spawn starts the goroutine serving c unless the proxy is closed.
func (p *Proxy) spawn(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.wg.Add(1)
	go p.serve(c)
	return true
}

func (p *Proxy) serve(client net.Conn) {
	defer p.wg.Done()
	ctx, cancel := context.WithTimeout(p.ctx, DialTimeout)
	var d net.Dialer
	up, err := d.DialContext(ctx, "tcp", p.target)
	cancel()
	if err != nil {
		p.refused.Add(1)
		resetConn(client)
		return
	}
	pr := newPair(client, up, time.Duration(p.delay.Load()))
	if !p.track(pr) {
		pr.close()
		return
	}
	defer p.untrack(pr)
	pr.run(p)
}

func (p *Proxy) track(pr *pair) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.pairs[pr] = struct{}{}
	return true
}

func (p *Proxy) untrack(pr *pair) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.pairs, pr)
}
