//go:build !js

package native

import (
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"time"
)

// handshakeClient returns the client for one Dial: a copy of user (the caller's
// client is never modified; nil means http.DefaultClient) whose transport hands
// coder/websocket the scanned stream, and which never follows a redirect.
func handshakeClient(user *http.Client, stream *serverStream) *http.Client {
	c := &http.Client{}
	if user != nil {
		*c = *user
	}
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = &upgradeTransport{base: base, stream: stream}
	c.CheckRedirect = refuseRedirect
	return c
}

// refuseRedirect makes the client return a redirect response as it is; Dial
// then reports a transport.HandshakeError with the 3xx status. Browsers never follow WebSocket
// redirects, and following one would carry custom headers and subprotocol
// credentials to another host, possibly over plain ws://.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// upgradeTransport wraps the caller's RoundTripper for one handshake.
type upgradeTransport struct {
	base   http.RoundTripper
	stream *serverStream
}

// RoundTrip passes req on. A 101 response's body, the raw connection, becomes
// the scanned stream; any other body reads as empty, so that coder/websocket's
// read of it after a rejected handshake cannot stall Dial (the body is not
// part of any error Dial returns). The connection the request went out on,
// when the base transport reports it (net/http's does, through httptrace),
// lets the stream interrupt a read (serverStream.interrupt).
func (t *upgradeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, netConn, err := t.roundTrip(req)
	if err != nil || resp == nil || resp.Body == nil {
		return resp, err
	}
	rwc, ok := resp.Body.(io.ReadWriteCloser)
	if resp.StatusCode != http.StatusSwitchingProtocols || !ok {
		resp.Body = emptyBody{resp.Body}
		return resp, nil
	}
	if netConn != nil && netConn.SetReadDeadline(time.Time{}) != nil {
		netConn = nil // no read deadlines (a custom DialContext's conn): reads cannot be interrupted
	}
	t.stream.rwc, t.stream.netConn = rwc, netConn
	resp.Body = t.stream
	return resp, nil
}

// roundTrip makes the handshake on a connection of its own when the base
// is an *http.Transport that allows it (upgrade.go), else through the base,
// and returns the connection the request went out on when it is known.
func (t *upgradeTransport) roundTrip(req *http.Request) (*http.Response, net.Conn, error) {
	if tr, ok := t.base.(*http.Transport); ok && directTransport(tr, req) {
		return roundTripDirect(tr, req)
	}
	var netConn net.Conn
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) { netConn = info.Conn }}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	resp, err := t.base.RoundTrip(req)
	return resp, netConn, err
}

// emptyBody reads as empty and closes the body it replaces.
type emptyBody struct{ body io.Closer }

func (emptyBody) Read([]byte) (int, error) { return 0, io.EOF }
func (b emptyBody) Close() error           { return b.body.Close() }

// splitHost takes a Host entry (any case) out of h, since net/http ignores one
// in a request's header: it returns a copy of h without it and its first value,
// or h itself and "" when there is none. h is never modified. Of several
// spellings, the one that sorts first ("Host" before "host") is used.
func splitHost(h map[string][]string) (http.Header, string) {
	key := ""
	for k := range h {
		if strings.EqualFold(k, "Host") && (key == "" || k < key) {
			key = k
		}
	}
	if key == "" {
		return http.Header(h), ""
	}
	out := make(http.Header, len(h))
	for k, v := range h {
		if !strings.EqualFold(k, "Host") {
			out[k] = v
		}
	}
	host := ""
	if v := h[key]; len(v) > 0 {
		host = v[0]
	}
	return out, host
}
