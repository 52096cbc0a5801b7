//go:build !js

package main

import (
	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// policy is the reconnect policy the flags ask for.
func (c *connectConfig) policy() reconnect.Policy {
	return reconnect.Policy{
		Disabled:       c.noReconnect,
		InitialDelay:   c.reconnectInitial,
		MaxDelay:       c.reconnectMax,
		MaxAttempts:    c.maxAttempts,
		RetryFirstDial: c.retryFirstDial,
	}
}

// heartbeatConfig: with --ping, application pings (and --pong as the exact
// answer); else the SDK's rule (the agreed subprotocol's ping if its profile
// has one, else protocol pings). --heartbeat-interval and --heartbeat-timeout
// change only the timing; zero: the SDK's defaults.
func (c *connectConfig) heartbeatConfig() heartbeat.Config {
	cfg := heartbeat.Config{Interval: c.hbInterval, Timeout: c.hbTimeout}
	if c.ping != "" {
		cfg.Mode = heartbeat.ModeApplication
		cfg.Ping = textPing(c.ping)
		if c.pong != "" {
			cfg.IsPong = textPong(c.pong)
		}
	}
	return cfg
}

func textPing(s string) func() transport.Message {
	return func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte(s)} }
}

func textPong(s string) func(transport.Message) bool {
	return func(m transport.Message) bool { return m.Type != transport.Binary && string(m.Data) == s }
}

// options builds the SDK options: the SDK's defaults but for what a flag
// sets, with the lifecycle events in the stream the session prints.
// show prints the --show-ping events.
func (c *connectConfig) options(show func(pingEvent)) *sdk.Options {
	o := &sdk.Options{
		StreamEvents:       true,
		Subprotocols:       c.subprotocols,
		RequireSubprotocol: c.requireSubprotocol,
		Reconnect:          c.policy(),
		Heartbeat:          c.heartbeatConfig(),
		HandshakeTimeout:   c.handshakeTimeout,
		Delivery:           sdk.DeliveryOptions{HandBackUnconfirmed: c.noResend},
	}
	if len(c.header) > 0 {
		o.Header = c.header
	}
	if len(c.credentials) > 0 {
		o.SubprotocolCredentials = c.credentials
	}
	if d := c.dialer(show); d != nil {
		o.Dialer = d
	}
	return o
}
