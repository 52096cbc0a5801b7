//go:build !js

package native

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// rawPeer is the server side of a hostile connection: it writes whatever bytes
// a test wants after a hand-written 101 response.
type rawPeer struct {
	conn net.Conn
	br   *bufio.Reader
}

// send writes raw bytes.
func (p *rawPeer) send(b ...[]byte) {
	for _, x := range b {
		if _, err := p.conn.Write(x); err != nil {
			return
		}
	}
}

// finish ends the server's side with a TCP FIN, not a reset (the client may
// have sent something unread), and drains the client until it closes.
func (p *rawPeer) finish() {
	_ = p.conn.(*net.TCPConn).CloseWrite()
	_, _ = io.Copy(io.Discard, p.br)
}

// closeCode reads the client's frames until a close frame and returns its
// status code; -1 when the connection ended first.
func (p *rawPeer) closeCode() int {
	for {
		op, payload, err := readClientFrame(p.br)
		if err != nil {
			return -1
		}
		if op == 0x8 && len(payload) >= 2 {
			return int(binary.BigEndian.Uint16(payload))
		}
		if op == 0x8 {
			return 1005
		}
	}
}

// hostileServer starts a loopback server that answers every handshake by hand
// (adding the header lines in extra, each ending in CRLF) and then runs play on
// the raw connection, closing it when play returns. It returns the ws:// URL.
func hostileServer(t *testing.T, extra string, play func(p *rawPeer)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		resp := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
			"Sec-WebSocket-Accept: " + acceptKey(r.Header.Get("Sec-WebSocket-Key")) + "\r\n" + extra
		if _, err := io.WriteString(conn, resp+"\r\n"); err != nil {
			return
		}
		play(&rawPeer{conn: conn, br: brw.Reader})
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

func acceptKey(key string) string {
	h := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	return base64.StdEncoding.EncodeToString(h[:])
}

// frameHeader encodes a server frame header declaring n payload bytes.
func frameHeader(fin bool, op byte, masked bool, n uint64) []byte {
	b0, m := op, byte(0)
	if fin {
		b0 |= 0x80
	}
	if masked {
		m = 0x80
	}
	var h []byte
	switch {
	case n < 126:
		h = []byte{b0, m | byte(n)}
	case n <= 0xffff:
		h = binary.BigEndian.AppendUint16([]byte{b0, m | 126}, uint16(n))
	default:
		h = binary.BigEndian.AppendUint64([]byte{b0, m | 127}, n)
	}
	if masked {
		h = append(h, 0, 0, 0, 0) // a zero key leaves the payload as it is
	}
	return h
}

// frame encodes a whole unmasked server frame.
func frame(fin bool, op byte, payload string) []byte {
	return append(frameHeader(fin, op, false, uint64(len(payload))), payload...)
}

// closeFrame encodes a close frame with code and reason.
func closeFrame(code uint16, reason string) []byte {
	return frame(true, 0x8, string(binary.BigEndian.AppendUint16(nil, code))+reason)
}

// readClientFrame reads one masked client frame and unmasks it.
func readClientFrame(br *bufio.Reader) (byte, []byte, error) {
	var h [2]byte
	if _, err := io.ReadFull(br, h[:]); err != nil {
		return 0, nil, err
	}
	n := uint64(h[1] & 0x7f)
	switch n {
	case 126, 127:
		ext := make([]byte, 2+6*(n-126))
		if _, err := io.ReadFull(br, ext); err != nil {
			return 0, nil, err
		}
		n = 0
		for _, c := range ext {
			n = n<<8 | uint64(c)
		}
	}
	var key [4]byte
	if _, err := io.ReadFull(br, key[:]); err != nil {
		return 0, nil, err
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(br, p); err != nil {
		return 0, nil, err
	}
	for i := range p {
		p[i] ^= key[i%4]
	}
	return h[0] & 0x0f, p, nil
}

// dialT dials url with opts and closes the connection at cleanup.
func dialT(t *testing.T, url string, opts transport.DialOptions) transport.Conn {
	t.Helper()
	c, err := (&Dialer{}).Dial(testCtx(t), url, opts)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { c.Abort(transport.StatusNormalClosure, "") })
	return c
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// readFails reads once and requires an error: it fails the test on a message.
// The read is bounded by the test's context, so a client that swallows the
// frame fails the test instead of hanging it.
func readFails(t *testing.T, c transport.Conn) error {
	t.Helper()
	m, err := c.Read(testCtx(t))
	if err == nil {
		t.Fatalf("Read returned a %d-byte message (type %d, %.20q), want an error", len(m.Data), m.Type, m.Data)
	}
	return err
}

// wantClose requires err to wrap sentinel and a *transport.CloseError with code.
func wantClose(t *testing.T, err, sentinel error, code int) {
	t.Helper()
	var ce *transport.CloseError
	if !errors.As(err, &ce) || ce.Code != code || !errors.Is(err, sentinel) {
		t.Fatalf("err = %v, want %v with close %d", err, sentinel, code)
	}
	if !strings.HasPrefix(err.Error(), "tether:") {
		t.Errorf("err = %q, want the tether: prefix", err)
	}
}
