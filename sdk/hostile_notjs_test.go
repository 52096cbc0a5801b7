//go:build !js

package sdk

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/retry"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
	"github.com/tetherws/tether/transport/native"
)

// End-to-end checks that what a hostile or broken server sends reaches
// Receive as a typed error, never as a message (RFC 6455 on what we receive),
// and that handshake answers are reported as what they are.

// hostilePeer starts a loopback server that answers the handshake by hand
// (selecting protocol when not empty), writes frames, ends its side with a TCP
// FIN and drains the client until it closes. It returns the ws:// URL.
func hostilePeer(t *testing.T, protocol string, frames ...[]byte) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		sum := sha1.Sum([]byte(r.Header.Get("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
		resp := "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
			"Sec-WebSocket-Accept: " + base64.StdEncoding.EncodeToString(sum[:]) + "\r\n"
		if protocol != "" {
			resp += "Sec-WebSocket-Protocol: " + protocol + "\r\n"
		}
		_, _ = io.WriteString(conn, resp+"\r\n")
		for _, f := range frames {
			_, _ = conn.Write(f)
		}
		_ = conn.(*net.TCPConn).CloseWrite()
		_, _ = io.Copy(io.Discard, brw)
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// hostileFrame encodes a server frame of up to 125 bytes.
func hostileFrame(fin bool, op byte, masked bool, payload string) []byte {
	if fin {
		op |= 0x80
	}
	if !masked {
		return append([]byte{op, byte(len(payload))}, payload...)
	}
	return append([]byte{op, 0x80 | byte(len(payload)), 0, 0, 0, 0}, payload...)
}

// receiveFails dials url without reconnect and requires Receive to fail with
// no message; it returns the error.
func receiveFails(t *testing.T, url string) error {
	t.Helper()
	c := dialT(t, url, noReconnect())
	m, err := c.Receive(testCtx(t))
	if err == nil {
		t.Fatalf("Receive returned %s %.20q, want an error", m.Type, m.Data)
	}
	return err
}

// wantFailed requires err to wrap sentinel and a transport.CloseError with code.
func wantFailed(t *testing.T, err, sentinel error, code int) {
	t.Helper()
	var ce *transport.CloseError
	if !errors.Is(err, sentinel) || !errors.As(err, &ce) || ce.Code != code {
		t.Fatalf("err = %v, want %v with close %d", err, sentinel, code)
	}
}

func TestHostileCutOffMessage(t *testing.T) {
	url := hostilePeer(t, "", hostileFrame(false, 0x1, false, "partial-"))
	err := receiveFails(t, url)
	var ne *transport.NetworkError
	if !errors.As(err, &ne) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want a transport.NetworkError wrapping io.ErrUnexpectedEOF", err)
	}
}

func TestHostileMaskedFrame(t *testing.T) {
	url := hostilePeer(t, "", hostileFrame(true, 0x1, true, "hello"))
	wantFailed(t, receiveFails(t, url), wserr.ErrProtocolViolation, transport.StatusProtocolError)
}

func TestHostileInvalidUTF8(t *testing.T) {
	t.Run("text", func(t *testing.T) {
		url := hostilePeer(t, "", hostileFrame(false, 0x1, false, "hi\xc3"), hostileFrame(true, 0x0, false, "\x28"))
		wantFailed(t, receiveFails(t, url), wserr.ErrInvalidUTF8, transport.StatusInvalidPayload)
	})
	t.Run("close reason", func(t *testing.T) {
		url := hostilePeer(t, "", hostileFrame(true, 0x8, false, "\x03\xe8bad\xff\xfe"))
		wantFailed(t, receiveFails(t, url), wserr.ErrInvalidUTF8, transport.StatusInvalidPayload)
	})
}

// TestHostileHostHeader: Options.Header's Host sets the handshake's Host.
func TestHostileHostHeader(t *testing.T) {
	hosts := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hosts <- r.Host
		http.Error(w, "no", http.StatusForbidden)
	}))
	t.Cleanup(srv.Close)
	o := noReconnect()
	o.Header = map[string][]string{"Host": {"chat.example.test"}}
	_, err := Dial(testCtx(t), "ws"+strings.TrimPrefix(srv.URL, "http"), o)
	var he *transport.HandshakeError
	if !errors.As(err, &he) || he.Status != http.StatusForbidden {
		t.Fatalf("err = %v, want the server's 403", err)
	}
	if h := <-hosts; h != "chat.example.test" {
		t.Errorf("server saw Host %q, want chat.example.test", h)
	}
}

// TestHostileRedirect: a redirect is refused with a transport.HandshakeError that hides
// the target's credentials and is final even when first dials are retried;
// the target is never contacted.
func TestHostileRedirect(t *testing.T) {
	var contacted atomic.Bool
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { contacted.Store(true) }))
	t.Cleanup(target.Close)
	srv := httptest.NewServer(http.RedirectHandler(target.URL+"/?token=s3cret", http.StatusTemporaryRedirect))
	t.Cleanup(srv.Close)
	o := &Options{Header: map[string][]string{"X-Api-Key": {"k"}}}
	o.Reconnect.RetryFirstDial = true
	_, err := Dial(testCtx(t), "ws"+strings.TrimPrefix(srv.URL, "http"), o)
	var re *transport.HandshakeError
	if !errors.As(err, &re) || re.Status != http.StatusTemporaryRedirect || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("err = %v, want a transport.HandshakeError 307 without the token", err)
	}
	if v := retry.Classify(err); v.Retry {
		t.Errorf("Classify(%v) = %+v, want final", err, v)
	}
	if contacted.Load() {
		t.Error("the redirect target was contacted")
	}
}

// bodyReads counts reads of 101 response bodies made before Dial returns.
type bodyReads struct{ n atomic.Int32 }

func (b *bodyReads) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if rwc, ok := resp.Body.(io.ReadWriteCloser); err == nil && ok {
		resp.Body = countedBody{rwc, &b.n}
	}
	return resp, err
}

type countedBody struct {
	io.ReadWriteCloser
	n *atomic.Int32
}

func (c countedBody) Read(p []byte) (int, error) {
	c.n.Add(1)
	return c.ReadWriteCloser.Read(p)
}

// TestHostileSubprotocolNotOffered: a server selecting a subprotocol that was
// not offered is a subprotocol mismatch, reported at once: Dial does not wait
// on the rejected connection (coder/websocket would, for up to 3 s, and a
// shorter handshake timeout turned it into a retryable timeout).
func TestHostileSubprotocolNotOffered(t *testing.T) {
	url := hostilePeer(t, "evil")
	reads := &bodyReads{}
	o := noReconnect()
	o.Subprotocols = []string{"chat.v1"}
	o.Dialer = &native.Dialer{HTTPClient: &http.Client{Transport: reads}}
	_, err := Dial(testCtx(t), url, o)
	var se *subprotocol.MismatchError
	if !errors.Is(err, ErrSubprotocolMismatch) || !errors.As(err, &se) {
		t.Fatalf("err = %v, want a subprotocol mismatch", err)
	}
	if n := reads.n.Load(); n != 0 {
		t.Errorf("Dial read the rejected connection %d times before returning", n)
	}
}

// TestHostileRetryAfterHuge: a Retry-After too large for any clock means the
// policy's cap, not "no hint".
func TestHostileRetryAfterHuge(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "2147483649")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	delays := make(chan time.Duration, 1)
	o := &Options{OnEvent: on(func(ev ReconnectingEvent) {
		select {
		case delays <- ev.Delay:
		default:
		}
		cancel() // the retry is scheduled: that is all this test needs
	})}
	o.Reconnect.RetryFirstDial = true
	_, err := Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http"), o)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the test's cancel once a retry was scheduled", err)
	}
	select {
	case d := <-delays:
		if limit := reconnect.DefaultPolicy().MaxRetryAfter; d != limit {
			t.Errorf("retry delay %v, want the Retry-After cap %v", d, limit)
		}
	default:
		t.Fatal("no retry was scheduled")
	}
}
