//go:build !js

package native

import (
	"context"
	"net/http"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// Compression selects permessage-deflate negotiation.
type Compression int

const (
	// CompressionDisabled does not offer permessage-deflate (the default: most
	// WebSocket traffic is small and compression costs CPU and memory per connection).
	CompressionDisabled Compression = iota
	// CompressionNoContextTakeover compresses each message on its own.
	CompressionNoContextTakeover
	// CompressionContextTakeover keeps a sliding window across messages.
	CompressionContextTakeover
)

// DefaultReadLimit is the read limit used when DialOptions.ReadLimit is zero.
const DefaultReadLimit = 1 << 20

// Dialer dials native WebSocket connections. The zero value uses
// http.DefaultClient, no compression and no extra headers. It is safe for
// concurrent use.
type Dialer struct {
	// HTTPClient carries the handshake; set its Transport for TLS configuration
	// or proxies. Nil means http.DefaultClient.
	HTTPClient *http.Client
	// Compression selects permessage-deflate; zero disables it.
	Compression Compression
	// Host overrides the Host header; empty means the URL's host.
	Host string
}

// Dial performs the opening handshake. See transport.Dialer.
func (d *Dialer) Dial(ctx context.Context, url string, opts transport.DialOptions) (transport.Conn, error) {
	ws, resp, err := websocket.Dial(ctx, url, d.options(opts))
	if err != nil {
		return nil, dialError(ctx, url, resp, err)
	}
	ws.SetReadLimit(readLimit(opts.ReadLimit))
	return newConn(ws, resp), nil
}

func (d *Dialer) options(opts transport.DialOptions) *websocket.DialOptions {
	return &websocket.DialOptions{
		HTTPClient:      d.HTTPClient,
		HTTPHeader:      http.Header(opts.Header),
		Host:            d.Host,
		Subprotocols:    opts.Subprotocols,
		CompressionMode: compressionMode(d.Compression),
	}
}

func readLimit(n int64) int64 {
	switch {
	case n == 0:
		return DefaultReadLimit
	case n < 0:
		return -1
	}
	return n
}

func compressionMode(c Compression) websocket.CompressionMode {
	switch c {
	case CompressionNoContextTakeover:
		return websocket.CompressionNoContextTakeover
	case CompressionContextTakeover:
		return websocket.CompressionContextTakeover
	}
	return websocket.CompressionDisabled
}
