//go:build !js

package main

import (
	"context"

	"github.com/tetherws/tether/transport"
)

// pingEvent is a protocol ping or pong passing, for --show-ping.
type pingEvent struct {
	kind string // "ping" or "pong"
	from string // "client" or "server"
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
	p, ok := c.(transport.Pinger)
	if !ok {
		return c, nil // no ping frames to show
	}
	return &pingConn{Conn: c, pinger: p, show: d.show}, nil
}

// pingConn reports each protocol ping before writing it.
type pingConn struct {
	transport.Conn
	pinger transport.Pinger
	show   func(pingEvent)
}

func (c *pingConn) Ping(ctx context.Context) error {
	c.show(pingEvent{kind: "ping", from: "client"})
	return c.pinger.Ping(ctx)
}

// ping prints a ping or pong: "pong from server" on stderr, or a JSON event
// {"event":"pong","from":"server"}.
func (p *printer) ping(ev pingEvent) {
	p.emit(ev.kind, ev.kind+" from "+ev.from, toStatus, field{"from", ev.from})
}
