//go:build !js

package loss

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
)

// staller is a TCP relay that can stall the connections it carries: while
// stalled they forward nothing in either direction and hold what they have
// read, then resume and deliver all of it, a FIN included. It adds the fault
// internal/faultproxy does not offer (its black hole discards bytes): a path
// that stops and comes back, as TCP retransmission makes it, so a connection
// the client has given up on delivers its last bytes late, after the next
// connection's. Connections opened during a stall are not stalled. It can
// also cut every connection from behind the proxy (see faultBlackhole).
type staller struct {
	ln     net.Listener
	target string
	done   chan struct{} // closed by close: releases every stall

	mu     sync.Mutex
	pairs  map[*stallPair]struct{}
	closed bool
	wg     sync.WaitGroup
}

type stallPair struct {
	down, up net.Conn                      // accepted side, dialled side
	gate     atomic.Pointer[chan struct{}] // non-nil while stalled: closed at resume
	ends     atomic.Int32
}

func startStaller(target string) (*staller, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &staller{ln: ln, target: target, done: make(chan struct{}), pairs: map[*stallPair]struct{}{}}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

func (s *staller) addr() string { return s.ln.Addr().String() }

// stall stalls every current connection until resume is called.
func (s *staller) stall() (resume func()) {
	ch := make(chan struct{})
	gate := &ch
	s.mu.Lock()
	for p := range s.pairs {
		p.gate.Store(gate)
	}
	s.mu.Unlock()
	return func() {
		close(ch)
		s.mu.Lock()
		for p := range s.pairs {
			p.gate.CompareAndSwap(gate, nil)
		}
		s.mu.Unlock()
	}
}

// cut closes every current connection, both sides.
func (s *staller) cut() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p := range s.pairs {
		p.close()
	}
}

// close stops the relay, ends every connection and waits for its goroutines.
func (s *staller) close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	_ = s.ln.Close()
	close(s.done)
	for p := range s.pairs {
		p.close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *staller) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", s.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		p := &stallPair{down: c, up: up}
		if !s.track(p) {
			p.close()
			return
		}
		s.wg.Add(2)
		go s.pump(p, p.up, p.down)
		go s.pump(p, p.down, p.up)
	}
}

func (s *staller) track(p *stallPair) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.pairs[p] = struct{}{}
	return true
}

// pump copies src to dst, waiting out stalls between a read and its write;
// EOF half-closes dst, any other failure ends the pair.
func (s *staller) pump(p *stallPair, dst, src net.Conn) {
	defer s.wg.Done()
	defer s.ended(p)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		p.wait(s.done)
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				p.close()
				return
			}
		}
		switch {
		case err == nil:
			continue
		case errors.Is(err, io.EOF):
			if tc, ok := dst.(*net.TCPConn); ok {
				_ = tc.CloseWrite()
			}
		default:
			p.close()
		}
		return
	}
}

// ended closes the pair once both directions are done.
func (s *staller) ended(p *stallPair) {
	if p.ends.Add(1) < 2 {
		return
	}
	p.close()
	s.mu.Lock()
	delete(s.pairs, p)
	s.mu.Unlock()
}

func (p *stallPair) wait(done <-chan struct{}) {
	if g := p.gate.Load(); g != nil {
		select {
		case <-*g:
		case <-done:
		}
	}
}

func (p *stallPair) close() {
	_ = p.down.Close()
	_ = p.up.Close()
}
