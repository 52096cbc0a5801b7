//go:build !js

package mobile

import (
	"net/textproto"
	"strings"
)

// Defaults that NewConfig fills in; a zero field means the same value. They
// are the sdk's (see the README's defaults table), in this facade's units.
const (
	defaultReconnectInitialMillis  = 1000    // first reconnect delay, before jitter
	defaultReconnectMaxMillis      = 30000   // longest reconnect delay
	defaultHeartbeatIntervalMillis = 25000   // idle time before a ping
	defaultHeartbeatTimeoutMillis  = 15000   // wait for proof of life after a ping
	defaultHandshakeTimeoutMillis  = 10000   // bound of one opening handshake
	defaultReadLimit               = 1 << 20 // largest message accepted, in bytes
	defaultOutboxMaxMessages       = 1024    // messages waiting for an open connection
)

// Config configures a Client. Create one with NewConfig (`Config()` in Kotlin,
// `MobileConfig()` in Swift), change fields, and pass it to NewClient, which
// copies it: later changes do not affect that client.
//
// Every numeric field's zero value means its default (NewConfig spells them out),
// so a zero Config works too; a negative value is an error at NewClient unless
// the field says otherwise. Durations are whole milliseconds. A Config is not
// safe for concurrent use; fill it on one thread.
type Config struct {
	// Subprotocols are offered in Sec-WebSocket-Protocol, most preferred
	// first, as a comma-separated list ("v2.chat, v1.chat"). Each name must
	// be an RFC 7230 token (no comma or space can be part of one); a bad or
	// duplicate name fails NewClient. Empty: none offered.
	Subprotocols string
	// RequireSubprotocol fails the connection (kind "subprotocol") when the
	// server selects none. False: a server that selects none is accepted.
	RequireSubprotocol bool
	// BearerToken, when not empty, is sent as "Authorization: Bearer <token>"
	// on every handshake. It never appears in errors or events.
	BearerToken string
	// CredentialsProvider, when set, is asked for the URL and bearer token of
	// every connection attempt (see CredentialsProvider): a reconnect then
	// uses a fresh token instead of BearerToken. Nil: NewClient's url and
	// BearerToken on every attempt.
	CredentialsProvider CredentialsProvider

	// ReconnectDisabled turns reconnecting off: a lost connection ends the
	// session (OnClose with isFinal true). False: reconnect with backoff.
	ReconnectDisabled bool
	// ReconnectInitialMillis is the delay before the first reconnect attempt;
	// it doubles after each failure (±50 % jitter). Zero: 1000.
	ReconnectInitialMillis int64
	// ReconnectMaxMillis caps the reconnect delay. Zero: 30000.
	ReconnectMaxMillis int64
	// MaxAttempts is how many reconnect attempts in a row may fail before the
	// client gives up. Zero: unlimited.
	MaxAttempts int64
	// RetryFirstDial makes the session retry a failed first attempt with
	// backoff (OnReconnecting; OnNetworkChange and OnForeground cut the wait)
	// instead of ending: Connect then returns once an attempt opens or the
	// reconnect policy gives up. False: the first failure ends the session.
	RetryFirstDial bool

	// HeartbeatDisabled turns heartbeats off: a dead connection is then only
	// noticed when the OS reports it. False: heartbeats on.
	HeartbeatDisabled bool
	// HeartbeatIntervalMillis is the idle time after which a ping is sent.
	// Zero: 25000.
	HeartbeatIntervalMillis int64
	// HeartbeatTimeoutMillis is how long to wait for proof of life after a
	// ping before the connection is declared dead (close 4000, then
	// reconnect). Zero: 15000.
	HeartbeatTimeoutMillis int64
	// HeartbeatPing is a text message sent as an application-level ping, for
	// servers that expect one (`{"type":"ping"}`). Empty: WebSocket ping
	// frames, which every server answers.
	HeartbeatPing string
	// HeartbeatPong is the server's exact answer to HeartbeatPing; such
	// messages are not delivered to OnMessage. Empty: no message is treated as
	// a pong (any inbound message still proves the connection alive).
	HeartbeatPong string

	// HandshakeTimeoutMillis bounds each opening handshake. Zero: 10000.
	HandshakeTimeoutMillis int64
	// ReadLimit is the largest message accepted, in bytes; a larger one closes
	// the connection with 1009. Zero: 1 MiB. Negative: no limit.
	ReadLimit int64
	// OutboxMaxMessages is how many messages may wait for an open connection
	// (while connecting or reconnecting); more, or more than 4 MiB in all,
	// fail with kind "outbox". Zero: 1024.
	OutboxMaxMessages int64

	// HandBackUnconfirmed selects what happens to messages that were written
	// but not confirmed by the server (see Flush) when their connection is
	// lost. True: they are handed back (Listener.OnUnsent with
	// maybeDelivered true), at most once. False: they are sent again, first
	// and in order, on the next connection: at least once, so the server may
	// read one twice.
	HandBackUnconfirmed bool

	// CloseInBackground selects the OnBackground policy. True: OnBackground
	// closes the connection (code 1001) and OnForeground opens it again.
	// False: the connection is kept; heartbeats run while the OS lets the app
	// run, and OnForeground probes it so a connection that died meanwhile is
	// replaced within HeartbeatTimeoutMillis.
	CloseInBackground bool

	headers []header
}

type header struct{ name, value string }

// NewConfig returns a Config with every default spelled out.
func NewConfig() *Config {
	return &Config{
		ReconnectInitialMillis:  defaultReconnectInitialMillis,
		ReconnectMaxMillis:      defaultReconnectMaxMillis,
		HeartbeatIntervalMillis: defaultHeartbeatIntervalMillis,
		HeartbeatTimeoutMillis:  defaultHeartbeatTimeoutMillis,
		HandshakeTimeoutMillis:  defaultHandshakeTimeoutMillis,
		ReadLimit:               defaultReadLimit,
		OutboxMaxMessages:       defaultOutboxMaxMessages,
	}
}

// AddHeader adds a handshake request header; adding a name again adds
// another value. Headers are sent on every attempt, including reconnects.
func (c *Config) AddHeader(name, value string) {
	c.headers = append(c.headers, header{name, value})
}

// subprotocols returns the offer: Subprotocols split on commas.
func (c *Config) subprotocols() []string {
	var out []string
	for _, p := range strings.Split(c.Subprotocols, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// header returns the handshake headers, or nil when there are none.
func (c *Config) header() map[string][]string {
	if len(c.headers) == 0 && c.BearerToken == "" {
		return nil
	}
	h := make(map[string][]string, len(c.headers)+1)
	for _, kv := range c.headers {
		name := textproto.CanonicalMIMEHeaderKey(kv.name)
		h[name] = append(h[name], kv.value)
	}
	if c.BearerToken != "" {
		h["Authorization"] = []string{"Bearer " + c.BearerToken}
	}
	return h
}

// clone returns a deep copy, so a client is not affected by later changes.
func (c *Config) clone() Config {
	if c == nil {
		return Config{}
	}
	cp := *c
	cp.headers = append([]header(nil), c.headers...)
	return cp
}
