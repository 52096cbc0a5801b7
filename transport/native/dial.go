//go:build !js

package native

import (
	"cmp"
	"context"
	"net/http"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/nativehook"
	"github.com/tetherws/tether/transport"
)

// defaultReadLimit is the read limit used when DialOptions.ReadLimit is zero.
const defaultReadLimit = 1 << 20

// Dialer dials native WebSocket connections. The zero value uses
// http.DefaultClient, no compression and no extra headers. It is safe for
// concurrent use.
//
// Redirects are never followed, as browsers never follow them for WebSocket:
// a 3xx answer fails the dial with a *transport.HandshakeError, whatever
// HTTPClient.CheckRedirect says.
type Dialer struct {
	// HTTPClient carries the handshake; set its Transport for TLS configuration
	// or proxies. Nil means http.DefaultClient. Each Dial uses a copy: the
	// client itself is never modified. An *http.Transport's settings are used
	// on a connection of the handshake's own (see the package doc).
	HTTPClient *http.Client
	// Compression overrides DialOptions.Compression when not
	// transport.CompressionOff (the zero value: the dial's own setting).
	Compression transport.Compression
	// Host overrides the Host header; empty means the URL's host. A Host entry
	// in DialOptions.Header (any case) takes precedence.
	Host string

	// onPing and onPong observe the frames received (nil: none); set through
	// nativehook.SetFrameObservers, for the CLI's --show-ping.
	onPing, onPong func(payload []byte)
}

func init() {
	nativehook.SetFrameObservers = func(d *Dialer, ping, pong func(payload []byte)) {
		d.onPing, d.onPong = ping, pong
	}
}

// Dial performs the opening handshake. See transport.Dialer. A "Host" entry in
// opts.Header (any case) sets the request's Host instead of being sent as a
// header (net/http would silently drop it).
func (d *Dialer) Dial(ctx context.Context, url string, opts transport.DialOptions) (transport.Conn, error) {
	stream := &serverStream{}
	ws, resp, err := websocket.Dial(ctx, url, d.options(opts, handshakeClient(d.HTTPClient, stream)))
	if err != nil {
		return nil, dialError(ctx, url, resp, err)
	}
	stream.accepted.Store(true)
	ws.SetReadLimit(readLimit(opts.ReadLimit))
	return newConn(ws, resp, stream), nil
}

func (d *Dialer) options(opts transport.DialOptions, client *http.Client) *websocket.DialOptions {
	header, host := splitHost(opts.Header)
	if host == "" {
		host = d.Host
	}
	o := &websocket.DialOptions{
		HTTPClient:      client,
		HTTPHeader:      header,
		Host:            host,
		Subprotocols:    opts.Subprotocols,
		CompressionMode: compressionMode(cmp.Or(d.Compression, opts.Compression)),
	}
	if f := d.onPing; f != nil {
		o.OnPingReceived = func(_ context.Context, p []byte) bool { f(p); return true }
	}
	if f := d.onPong; f != nil {
		o.OnPongReceived = func(_ context.Context, p []byte) { f(p) }
	}
	return o
}

func readLimit(n int64) int64 {
	switch {
	case n == 0:
		return defaultReadLimit
	case n < 0:
		return -1
	}
	return n
}

func compressionMode(c transport.Compression) websocket.CompressionMode {
	switch c {
	case transport.CompressionNoContextTakeover:
		return websocket.CompressionNoContextTakeover
	case transport.CompressionContextTakeover:
		return websocket.CompressionContextTakeover
	}
	return websocket.CompressionDisabled
}
