//go:build !js

package main

import (
	"context"
	"fmt"

	"github.com/tetherws/tether/transport"
)

// pingEvent is a protocol ping or pong passing, for --show-ping.
type pingEvent struct {
	kind string // "ping" or "pong"
	from string // "client" or "server"
	size int    // payload bytes
}

// pingDialer wraps the transport so that --show-ping sees the pings the
// client sends (the server's come from the native Dialer's observers).
type pingDialer struct {
	transport.Dialer
	show func(pingEvent)
}

func (d *pingDialer) Dial(ctx context.Context, url string, opts transport.DialOptions) (transport.Conn, error) {
	c, err := d.Dialer.Dial(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	return &pingConn{Conn: c, show: d.show}, nil
}

// pingConn reports each protocol ping before writing it.
type pingConn struct {
	transport.Conn
	show func(pingEvent)
}

func (c *pingConn) Ping(ctx context.Context) error {
	c.show(pingEvent{kind: "ping", from: "client"})
	return c.Conn.Ping(ctx)
}

// ping prints a ping or pong: "ping from server (4 bytes)" on stderr, or a
// JSON event {"event":"ping","from":"server","bytes":4}.
func (p *printer) ping(ev pingEvent) {
	human := fmt.Sprintf("%s from %s (%d bytes)", ev.kind, ev.from, ev.size)
	p.emit(ev.kind, human, toStatus, field{"from", ev.from}, field{"bytes", ev.size})
}
