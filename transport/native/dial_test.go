//go:build !js

package native

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// acceptServer starts a loopback WebSocket server that records each
// handshake request and closes the connection normally.
func acceptServer(t *testing.T, tls bool) (url string, requests chan *http.Request) {
	t.Helper()
	requests = make(chan *http.Request, 10)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests <- r
		ws, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		_ = ws.Close(websocket.StatusNormalClosure, "")
	})
	srv := httptest.NewUnstartedServer(h)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	scheme := "ws"
	if tls {
		scheme = "wss"
	}
	return scheme + strings.TrimPrefix(strings.TrimPrefix(srv.URL, "https"), "http"), requests
}

// TestDialHostHeader: a Host entry in DialOptions.Header, in any case, sets
// the request's Host and is not sent as a second header; the caller's map is
// left as it was.
func TestDialHostHeader(t *testing.T) {
	for _, key := range []string{"Host", "host", "HOST"} {
		t.Run(key, func(t *testing.T) {
			url, requests := acceptServer(t, false)
			header := map[string][]string{key: {"chat.example.test"}, "X-Room": {"lobby"}}
			before := map[string][]string{key: {"chat.example.test"}, "X-Room": {"lobby"}}
			c := dialT(t, url, transport.DialOptions{Header: header})
			c.Abort(transport.StatusNormalClosure, "")
			r := <-requests
			if r.Host != "chat.example.test" || len(r.Header.Values("Host")) != 0 {
				t.Errorf("server saw Host %q (header %q), want chat.example.test", r.Host, r.Header.Values("Host"))
			}
			if r.Header.Get("X-Room") != "lobby" {
				t.Errorf("X-Room = %q, want lobby", r.Header.Get("X-Room"))
			}
			if !reflect.DeepEqual(header, before) {
				t.Errorf("caller's header changed to %v", header)
			}
		})
	}
}

// TestDialRefusesRedirect: a redirect fails the dial with a HandshakeError that
// does not show the target's credentials, the target is never contacted (not
// even when the caller's client would follow, nor wss to ws), and the caller's
// client is left unchanged.
func TestDialRefusesRedirect(t *testing.T) {
	target, requests := acceptServer(t, false)
	for _, tls := range []bool{false, true} {
		redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, strings.Replace(target, "ws", "http", 1)+"/room?token=s3cret", http.StatusFound)
		})
		srv := httptest.NewUnstartedServer(redirect)
		url := "ws"
		if tls {
			srv.StartTLS()
			url = "wss"
		} else {
			srv.Start()
		}
		t.Cleanup(srv.Close)
		client := srv.Client()
		follow := func(*http.Request, []*http.Request) error { return nil }
		client.CheckRedirect = follow
		transportBefore := client.Transport
		d := &Dialer{HTTPClient: client}
		_, err := d.Dial(testCtx(t), url+strings.TrimPrefix(strings.TrimPrefix(srv.URL, "https"), "http"), transport.DialOptions{
			Header: map[string][]string{"Authorization": {"Bearer abc"}}, Subprotocols: []string{"chat", "token.s3cret"}})
		var re *transport.HandshakeError
		if !errors.As(err, &re) || re.Status != http.StatusFound {
			t.Fatalf("tls=%v: err = %v, want a HandshakeError with 302", tls, err)
		}
		if strings.Contains(err.Error(), "s3cret") || !strings.Contains(re.Location, "/room?token=REDACTED") {
			t.Errorf("tls=%v: err = %q, Location %q: want the target with its token redacted", tls, err, re.Location)
		}
		if !strings.HasPrefix(err.Error(), "tether:") {
			t.Errorf("err = %q: want a tether: error", err)
		}
		if client.Transport != transportBefore || reflect.ValueOf(client.CheckRedirect).Pointer() != reflect.ValueOf(follow).Pointer() {
			t.Errorf("tls=%v: the caller's http.Client was modified", tls)
		}
	}
	select {
	case r := <-requests:
		t.Fatalf("redirect target contacted: %s %s", r.Method, r.URL)
	default:
	}
}

// spyBody counts reads of a 101 response's body before Dial returns.
type spyBody struct {
	io.ReadWriteCloser
	reads *atomic.Int32
}

func (s spyBody) Read(p []byte) (int, error) {
	s.reads.Add(1)
	return s.ReadWriteCloser.Read(p)
}

// spyTransport wraps 101 bodies in a spyBody.
type spyTransport struct{ reads atomic.Int32 }

func (s *spyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if rwc, ok := resp.Body.(io.ReadWriteCloser); err == nil && ok {
		resp.Body = spyBody{rwc, &s.reads}
	}
	return resp, err
}

// TestDialSubprotocolMismatchFast: a server selecting a subprotocol that was
// not offered fails Dial with an UpgradeError naming it, at once: the body of
// the rejected response (the raw connection) is never read, where coder/websocket
// would wait up to 3 s for it.
func TestDialSubprotocolMismatchFast(t *testing.T) {
	url := hostileServer(t, "Sec-WebSocket-Protocol: evil\r\n", func(p *rawPeer) { _, _ = io.Copy(io.Discard, p.br) })
	spy := &spyTransport{}
	d := &Dialer{HTTPClient: &http.Client{Transport: spy}}
	_, err := d.Dial(testCtx(t), url, transport.DialOptions{Subprotocols: []string{"chat"}})
	var ue *wserr.UpgradeError
	if !errors.As(err, &ue) || !reflect.DeepEqual(ue.Subprotocols, []string{"evil"}) {
		t.Fatalf("err = %v, want an UpgradeError with [evil]", err)
	}
	if n := spy.reads.Load(); n != 0 {
		t.Errorf("the rejected response's body was read %d times before Dial returned", n)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, reported as a timeout", err)
	}
}
