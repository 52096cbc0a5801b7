//go:build !js

package native

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptrace"
	"slices"
	"unicode/utf8"
)

// The handshake's own connection (see the package doc): with an
// *http.Transport the request is written and its answer read on the
// caller's goroutine, on a connection dialed with the Transport's settings,
// instead of going through the Transport's pool. A reconnect storm of many
// clients in one process spent a fifth of its CPU there.

// directTransport reports whether the handshake req can be made on a
// connection of its own with tr's settings.
func directTransport(tr *http.Transport, req *http.Request) bool {
	switch {
	case req.URL.Scheme != "http" && req.URL.Scheme != "https":
		return false
	case !ascii(req.URL.Hostname()): // the Transport dials its IDNA (punycode) form
		return false
	case tr.Dial != nil || tr.DialTLS != nil || tr.DialTLSContext != nil: //nolint:staticcheck // a caller may still set the deprecated Dial
		return false
	case httptrace.ContextClientTrace(req.Context()) != nil:
		return false
	case tr.Proxy != nil:
		proxy, err := tr.Proxy(req)
		return err == nil && proxy == nil
	}
	return true
}

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// roundTripDirect performs the handshake req on a connection dialed with
// tr's settings. A 101 answer's body is the connection (io.ReadWriteCloser,
// as net/http's); any other answer's body closes the connection with it.
// The returned net.Conn is the TCP connection under any TLS, for read
// deadlines. The end of req's context closes the connection, which ends a
// write or read in progress. It first takes one of the endpoint's handshake
// slots (budget.go), waiting within req's context.
func roundTripDirect(tr *http.Transport, req *http.Request) (*http.Response, net.Conn, error) {
	ctx := req.Context()
	release, err := handshakes.acquire(ctx, endpoint{tr: tr, addr: hostPort(req)}, handshakeSlots(tr))
	if err != nil {
		return nil, nil, err
	}
	defer release()
	conn, raw, err := dialDirect(ctx, tr, req)
	if err != nil {
		return nil, nil, err
	}
	closed := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		_ = raw.Close()
		close(closed)
	})
	resp, err := exchange(conn, req, answerLimit(tr))
	if !stop() {
		<-closed
		return nil, nil, ctx.Err()
	}
	if err != nil {
		_ = raw.Close()
		return nil, nil, err
	}
	return resp, raw, nil
}

// exchange writes req on conn and reads the answer's status line and
// header, at most limit bytes of them.
func exchange(conn net.Conn, req *http.Request, limit int64) (*http.Response, error) {
	if err := req.Write(conn); err != nil {
		return nil, err
	}
	lr := &io.LimitedReader{R: conn, N: limit}
	br := bufio.NewReaderSize(lr, handshakeBuffer)
	resp, err := readAnswer(br, req)
	if err != nil {
		if lr.N <= 0 { // it needed more than limit bytes
			return nil, fmt.Errorf("%w: over %d bytes", errAnswerTooLong, limit)
		}
		return nil, err
	}
	lr.N = math.MaxInt64 // the body (of an answer other than 101) is not limited
	if resp.StatusCode == http.StatusSwitchingProtocols {
		resp.Body = &upgradedConn{br: br, Conn: conn}
	} else {
		resp.Body = &answerBody{ReadCloser: resp.Body, conn: conn}
	}
	return resp, nil
}

// readAnswer reads the final answer to req, skipping informational ones
// (1xx other than 101, such as 103 Early Hints) as net/http's Transport does,
// at most max1xx of them.
func readAnswer(br *bufio.Reader, req *http.Request) (*http.Response, error) {
	for range max1xx + 1 {
		resp, err := http.ReadResponse(br, req)
		if err != nil || resp.StatusCode < 100 || resp.StatusCode > 199 || resp.StatusCode == http.StatusSwitchingProtocols {
			return resp, err
		}
	}
	return nil, errors.New("tether: too many informational answers to the handshake")
}

// max1xx bounds the informational answers before the final one (net/http's
// Transport allows 5).
const max1xx = 5

// handshakeBuffer holds a usual handshake answer in one read; a longer one
// is read in several.
const handshakeBuffer = 1 << 10

// defaultAnswerLimit bounds a handshake answer's status line and header
// when the Transport sets no MaxResponseHeaderBytes: 256 KiB, Chromium's
// limit for a response's headers.
const defaultAnswerLimit = 256 << 10

func answerLimit(tr *http.Transport) int64 {
	if tr.MaxResponseHeaderBytes > 0 {
		return tr.MaxResponseHeaderBytes
	}
	return defaultAnswerLimit
}

// errAnswerTooLong fails a handshake whose answer's status line and header
// do not end within the limit (net/http's Transport fails it the same way).
var errAnswerTooLong = errors.New("tether: the server's handshake answer has too long a header")

// dialDirect dials req's host with tr's DialContext, and for https
// completes the TLS handshake with tr's TLSClientConfig (HTTP/1.1 only:
// an upgrade cannot run over HTTP/2) within tr's TLSHandshakeTimeout. raw
// is the TCP connection under conn.
func dialDirect(ctx context.Context, tr *http.Transport, req *http.Request) (conn, raw net.Conn, err error) {
	dial := tr.DialContext
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	raw, err = dial(ctx, "tcp", hostPort(req))
	if err != nil {
		return nil, nil, err
	}
	if req.URL.Scheme != "https" {
		return raw, raw, nil
	}
	tc := tls.Client(raw, handshakeTLSConfig(tr.TLSClientConfig, req.URL.Hostname()))
	hctx := ctx
	if tr.TLSHandshakeTimeout > 0 {
		var cancel context.CancelFunc
		hctx, cancel = context.WithTimeout(ctx, tr.TLSHandshakeTimeout)
		defer cancel()
	}
	if err := tc.HandshakeContext(hctx); err != nil {
		_ = raw.Close()
		return nil, nil, err
	}
	return tc, raw, nil
}

// handshakeTLSConfig is base (nil: defaults) for host, offering HTTP/1.1
// alone when base offers protocols by ALPN.
func handshakeTLSConfig(base *tls.Config, host string) *tls.Config {
	cfg := &tls.Config{}
	if base != nil {
		cfg = base.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	if len(cfg.NextProtos) > 0 {
		cfg.NextProtos = slices.DeleteFunc(slices.Clone(cfg.NextProtos), func(p string) bool { return p != "http/1.1" })
	}
	return cfg
}

// hostPort is the address to dial for req: its URL's host, with the
// scheme's default port when it names none.
func hostPort(req *http.Request) string {
	port := req.URL.Port()
	if port == "" {
		port = "80"
		if req.URL.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(req.URL.Hostname(), port)
}
