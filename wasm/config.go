//go:build js && wasm

package main

import (
	"bytes"
	"errors"
	"math"
	"syscall/js"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Outbox limits when the page turned the outbox off (outbox: false): send
// throws while CONNECTING, as a WebSocket's does, and while open a WebSocket
// buffers whatever send is given, so TetherSocket does too, within bounds.
const (
	unboundedMessages = 1 << 22
	unboundedBytes    = 1 << 30
)

// config is what open received, already checked; options turns it into a fresh
// sdk.Options for each socket. Its zero value, like an empty options object,
// means the sdk's defaults, the same on every platform: reconnect on (the
// first attempt not retried), outbox on, 1 MiB read limit, 10 s handshake,
// unconfirmed messages re-sent on the next connection.
type config struct {
	protocols        []string
	credentials      []string
	require          bool
	readLimit        int64
	receiveBuffer    int
	handshakeTimeout time.Duration
	reconnect        reconnect.Policy
	heartbeat        heartbeat.Config
	outbox           sdk.OutboxOptions
	delivery         sdk.DeliveryOptions
	askURL           bool // the url is a function: asked before every attempt (params.go)
	askProtocols     bool // the protocols are a function: likewise
}

func (c config) options() *sdk.Options {
	return &sdk.Options{
		Subprotocols:           append([]string(nil), c.protocols...),
		SubprotocolCredentials: append([]string(nil), c.credentials...),
		RequireSubprotocol:     c.require,
		ReadLimit:              c.readLimit,
		ReceiveBuffer:          c.receiveBuffer,
		HandshakeTimeout:       c.handshakeTimeout,
		Reconnect:              c.reconnect,
		Heartbeat:              c.heartbeat,
		Outbox:                 c.outbox,
		Delivery:               c.delivery,
	}
}

// parseConfig reads the protocols array and the options object that
// tether.js normalised (milliseconds as numbers, ping and pong as string or
// Uint8Array, false for a feature turned off, null or undefined for defaults;
// perAttempt {url, protocols} says which are functions TetherSocket calls
// before every attempt).
func parseConfig(protocols, o js.Value) (config, error) {
	var c config
	var err error
	if c.protocols, err = stringList(protocols); err != nil {
		return c, errfmt.Errorf("tether: protocols: %w", err)
	}
	if !isObject(o) {
		o = js.Global().Get("Object").New()
	}
	if c.credentials, err = stringList(o.Get("subprotocolCredentials")); err != nil {
		return c, errfmt.Errorf("tether: subprotocolCredentials: %w", err)
	}
	c.require = o.Get("requireSubprotocol").Truthy()
	if n, ok := number(o, "readLimit"); ok && n != 0 {
		c.readLimit = int64(n)
	}
	if n, ok := number(o, "receiveBuffer"); ok {
		c.receiveBuffer = int(n)
	}
	var connectTimeout time.Duration
	c.reconnect, connectTimeout = parseReconnect(o.Get("reconnect"))
	// reconnect.connectTimeout is the other name TetherSocket accepts for the
	// bound on each attempt; handshakeTimeout wins when both are set.
	if c.handshakeTimeout = ms(o, "handshakeTimeout"); c.handshakeTimeout == 0 {
		c.handshakeTimeout = connectTimeout
	}
	if c.heartbeat, err = parseHeartbeat(o.Get("heartbeat")); err != nil {
		return c, err
	}
	c.outbox = parseOutbox(o.Get("outbox"))
	c.delivery = parseDelivery(o.Get("delivery"))
	if p := o.Get("perAttempt"); isObject(p) {
		c.askURL, c.askProtocols = p.Get("url").Truthy(), p.Get("protocols").Truthy()
	}
	return c, nil
}

// parseReconnect reads the reconnect option: false, or an object whose
// connectTimeout it returns apart (the sdk has one bound on an attempt,
// Options.HandshakeTimeout).
func parseReconnect(r js.Value) (p reconnect.Policy, connectTimeout time.Duration) {
	if r.Type() == js.TypeBoolean && !r.Bool() {
		p.Disabled = true
		return p, 0
	}
	if !isObject(r) {
		return p, 0
	}
	p.InitialDelay = ms(r, "initialDelay")
	p.MaxDelay = ms(r, "maxDelay")
	p.MinUptime = ms(r, "minUptime")
	if n, ok := number(r, "multiplier"); ok {
		p.Multiplier = n
	}
	if n, ok := number(r, "jitter"); ok {
		p.Jitter = n
		if n == 0 { // TetherSocket's 0 is "no jitter"; Policy's is the default, negative is off
			p.Jitter = -1
		}
	}
	if n, ok := number(r, "maxAttempts"); ok {
		p.MaxAttempts = int(n)
	}
	if v := r.Get("retryFirstDial"); v.Type() == js.TypeBoolean {
		p.RetryFirstDial = v.Bool()
	}
	return p, ms(r, "connectTimeout")
}

func parseHeartbeat(h js.Value) (heartbeat.Config, error) {
	var c heartbeat.Config
	if h.Type() == js.TypeBoolean && !h.Bool() {
		c.Mode = heartbeat.ModeOff
		return c, nil
	}
	if !isObject(h) {
		return c, nil
	}
	c.Interval = ms(h, "interval")
	c.Timeout = ms(h, "timeout")
	c.RequirePong = h.Get("requirePong").Truthy()
	c.DeliverPongs = h.Get("deliverPongs").Truthy()
	if n, ok := number(h, "hiddenTimeoutFactor"); ok {
		c.HiddenTimeoutFactor = n
	}
	if ping, ok, err := hbMessage(h.Get("ping")); err != nil {
		return c, errfmt.Errorf("tether: heartbeat.ping: %w", err)
	} else if ok {
		c.Mode = heartbeat.ModeApplication
		c.Ping = func() transport.Message { return ping }
	}
	if pong, ok, err := hbMessage(h.Get("pong")); err != nil {
		return c, errfmt.Errorf("tether: heartbeat.pong: %w", err)
	} else if ok {
		c.IsPong = func(m transport.Message) bool { return m.Type == pong.Type && bytes.Equal(m.Data, pong.Data) }
	}
	return c, nil
}

// hbMessage reads a heartbeat message: a string (text) or a Uint8Array (binary).
func hbMessage(v js.Value) (transport.Message, bool, error) {
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return transport.Message{}, false, nil
	case js.TypeString:
		return transport.Message{Type: transport.Text, Data: []byte(v.String())}, true, nil
	case js.TypeObject:
		return transport.Message{Type: transport.Binary, Data: copyFromJS(v)}, true, nil
	}
	return transport.Message{}, false, errors.New("want a string or a Uint8Array")
}

// parseOutbox reads the outbox option: false for off (see unboundedMessages),
// undefined for the defaults.
func parseOutbox(v js.Value) sdk.OutboxOptions {
	var o sdk.OutboxOptions
	if v.Type() == js.TypeBoolean && !v.Bool() {
		return sdk.OutboxOptions{MaxMessages: unboundedMessages, MaxBytes: unboundedBytes}
	}
	if !isObject(v) {
		return o
	}
	if n, ok := number(v, "maxMessages"); ok {
		o.MaxMessages = int(n)
	}
	if n, ok := number(v, "maxBytes"); ok {
		o.MaxBytes = int64(n)
	}
	if v.Get("overflow").Truthy() && v.Get("overflow").String() == "drop-oldest" {
		o.Overflow = sdk.OverflowDropOldest
	}
	return o
}

func stringList(v js.Value) ([]string, error) {
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return nil, nil
	case js.TypeString:
		return []string{v.String()}, nil
	case js.TypeObject:
	default:
		return nil, errors.New("want an array of strings")
	}
	n := v.Length()
	out := make([]string, n)
	for i := range n {
		e := v.Index(i)
		if e.Type() != js.TypeString {
			return nil, errors.New("want an array of strings")
		}
		out[i] = e.String()
	}
	return out, nil
}

func isObject(v js.Value) bool { return v.Type() == js.TypeObject }

// number returns a finite number field.
func number(o js.Value, name string) (float64, bool) {
	v := o.Get(name)
	if v.Type() != js.TypeNumber {
		return 0, false
	}
	f := v.Float()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// ms reads a duration given in milliseconds; absent or invalid: zero (default).
func ms(o js.Value, name string) time.Duration {
	n, ok := number(o, name)
	if !ok || n <= 0 {
		return 0
	}
	return time.Duration(n * float64(time.Millisecond))
}
