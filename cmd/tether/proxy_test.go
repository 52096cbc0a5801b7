//go:build !js

package main

import (
	"bufio"
	bin "encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
)

// testProxy is a forward proxy on 127.0.0.1 for the --proxy tests: HTTP
// CONNECT, HTTP requests in absolute form (ws:// through an HTTP proxy), and
// SOCKS5 CONNECT without authentication. Every target is sent to upstream,
// whatever its name, and recorded in targets.
type testProxy struct {
	ln       net.Listener
	upstream string // host:port every connection goes to
	mu       sync.Mutex
	targets  []string // host:port as the client asked, per connection
	tunnels  int      // of them, HTTP CONNECT requests
	wg       sync.WaitGroup
}

func startProxy(t *testing.T, upstream string) *testProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &testProxy{ln: ln, upstream: upstream}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() { _ = ln.Close(); p.wg.Wait() })
	return p
}

func (p *testProxy) addr() string { return p.ln.Addr().String() }

// seen returns the targets asked for so far.
func (p *testProxy) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.targets...)
}

// connects returns how many HTTP CONNECT tunnels were asked for.
func (p *testProxy) connects() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.tunnels
}

func (p *testProxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			defer c.Close()
			p.handle(c)
		}()
	}
}

func (p *testProxy) handle(c net.Conn) {
	br := bufio.NewReader(c)
	first, err := br.Peek(1)
	if err != nil {
		return
	}
	if first[0] == 5 {
		p.socks5(c, br)
		return
	}
	req, err := http.ReadRequest(br)
	if err != nil {
		return
	}
	up, err := p.dial(req.Host)
	if err != nil {
		_, _ = io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
		return
	}
	defer up.Close()
	if req.Method == http.MethodConnect {
		p.mu.Lock()
		p.tunnels++
		p.mu.Unlock()
		_, _ = io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n")
	} else if req.Write(up) != nil { // absolute form: forwarded in origin form
		return
	}
	splice(c, br, up)
}

// socks5 serves one RFC 1928 CONNECT without authentication.
func (p *testProxy) socks5(c net.Conn, br *bufio.Reader) {
	hello := make([]byte, 2)
	if _, err := io.ReadFull(br, hello); err != nil {
		return
	}
	if _, err := io.ReadFull(br, make([]byte, hello[1])); err != nil { // the methods offered
		return
	}
	if _, err := c.Write([]byte{5, 0}); err != nil { // no authentication
		return
	}
	target, err := socksTarget(br)
	if err != nil {
		return
	}
	up, err := p.dial(target)
	if err != nil {
		_, _ = c.Write([]byte{5, 5, 0, 1, 0, 0, 0, 0, 0, 0}) // connection refused
		return
	}
	defer up.Close()
	if _, err := c.Write([]byte{5, 0, 0, 1, 127, 0, 0, 1, 0, 0}); err != nil {
		return
	}
	splice(c, br, up)
}

// socksTarget reads a CONNECT request's destination as host:port.
func socksTarget(br *bufio.Reader) (string, error) {
	head := make([]byte, 4) // VER CMD RSV ATYP
	if _, err := io.ReadFull(br, head); err != nil {
		return "", err
	}
	if head[1] != 1 {
		return "", errors.New("not CONNECT")
	}
	var host string
	switch head[3] {
	case 1, 4: // IPv4, IPv6
		ip := make([]byte, map[byte]int{1: 4, 4: 16}[head[3]])
		if _, err := io.ReadFull(br, ip); err != nil {
			return "", err
		}
		host = net.IP(ip).String()
	case 3: // a name
		n, err := br.ReadByte()
		if err != nil {
			return "", err
		}
		name := make([]byte, n)
		if _, err := io.ReadFull(br, name); err != nil {
			return "", err
		}
		host = string(name)
	default:
		return "", errors.New("bad address type")
	}
	port := make([]byte, 2)
	if _, err := io.ReadFull(br, port); err != nil {
		return "", err
	}
	return net.JoinHostPort(host, strconv.Itoa(int(bin.BigEndian.Uint16(port)))), nil
}

// dial records target and connects to upstream instead.
func (p *testProxy) dial(target string) (net.Conn, error) {
	p.mu.Lock()
	p.targets = append(p.targets, target)
	p.mu.Unlock()
	return net.Dial("tcp", p.upstream)
}

// splice copies both ways until either side ends.
func splice(c net.Conn, br *bufio.Reader, up net.Conn) {
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, br); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done
	_ = c.Close()
	_ = up.Close()
	<-done
}
