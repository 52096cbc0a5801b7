//go:build !js

package mobile

import (
	"fmt"
	"math"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/retry"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// check reports the first field that cannot work, wrapping sdk.ErrInvalidOptions.
func (c *Config) check() error {
	fields := []struct {
		name  string
		value int64
	}{
		{"ReconnectInitialMillis", c.ReconnectInitialMillis},
		{"ReconnectMaxMillis", c.ReconnectMaxMillis},
		{"MaxAttempts", c.MaxAttempts},
		{"HeartbeatIntervalMillis", c.HeartbeatIntervalMillis},
		{"HeartbeatTimeoutMillis", c.HeartbeatTimeoutMillis},
		{"HandshakeTimeoutMillis", c.HandshakeTimeoutMillis},
		{"OutboxMaxMessages", c.OutboxMaxMessages},
	}
	for _, f := range fields {
		if f.value < 0 {
			return fmt.Errorf("%w: Config.%s is negative (%d)", sdk.ErrInvalidOptions, f.name, f.value)
		}
	}
	if c.HeartbeatPong != "" && c.HeartbeatPing == "" {
		return fmt.Errorf("%w: Config.HeartbeatPong is set without HeartbeatPing", sdk.ErrInvalidOptions)
	}
	if err := retry.Validate(c.reconnectPolicy()); err != nil {
		return fmt.Errorf("%w: %w", sdk.ErrInvalidOptions, err)
	}
	return negotiate.Offer{Protocols: c.subprotocols()}.Validate()
}

// options translates the Config into sdk.Options; the session adds its hooks.
func (c *Config) options() (*sdk.Options, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	o := &sdk.Options{
		Subprotocols:       c.subprotocols(),
		RequireSubprotocol: c.RequireSubprotocol,
		Header:             c.header(),
		HandshakeTimeout:   millis(c.HandshakeTimeoutMillis),
		ReadLimit:          c.ReadLimit,
		Reconnect:          c.reconnectPolicy(),
		Heartbeat:          c.heartbeatConfig(),
		Outbox:             sdk.OutboxOptions{MaxMessages: clampInt(c.OutboxMaxMessages)},
		Delivery:           sdk.DeliveryOptions{HandBackUnconfirmed: c.HandBackUnconfirmed},
	}
	if p := c.CredentialsProvider; p != nil {
		o.BeforeDial = beforeDial(p)
	}
	return o, nil
}

func (c *Config) reconnectPolicy() reconnect.Policy {
	return reconnect.Policy{
		Disabled:       c.ReconnectDisabled,
		InitialDelay:   millis(c.ReconnectInitialMillis),
		MaxDelay:       millis(c.ReconnectMaxMillis),
		MaxAttempts:    clampInt(c.MaxAttempts),
		RetryFirstDial: c.RetryFirstDial,
	}
}

func (c *Config) heartbeatConfig() heartbeat.Config {
	h := heartbeat.Config{
		Interval: millis(c.HeartbeatIntervalMillis),
		Timeout:  millis(c.HeartbeatTimeoutMillis),
	}
	if c.HeartbeatDisabled {
		h.Mode = heartbeat.ModeOff
	}
	if ping := c.HeartbeatPing; ping != "" {
		h.Ping = func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte(ping)} }
	}
	if pong := c.HeartbeatPong; pong != "" {
		h.IsPong = func(m transport.Message) bool { return m.Type != transport.Binary && string(m.Data) == pong }
	}
	return h
}

// millis converts whole milliseconds to a Duration, saturating instead of
// overflowing.
func millis(ms int64) time.Duration {
	if ms > math.MaxInt64/int64(time.Millisecond) {
		return math.MaxInt64
	}
	return time.Duration(ms) * time.Millisecond
}

// clampInt converts to int without wrapping on 32-bit platforms (armv7).
func clampInt(v int64) int {
	if v > math.MaxInt {
		return math.MaxInt
	}
	return int(v)
}
