package heartbeat

import (
	"strconv"
	"time"

	"github.com/tetherws/tether/transport"
)

// Messages are the application-level heartbeat messages a protocol defines,
// as transport.Message values (the client's one message type: build them with
// transport.TextMessage or transport.BinaryMessage). The zero value
// configures none of them.
type Messages struct {
	Ping   func() transport.Message                          // builds the ping to send; nil: no application ping
	IsPong func(transport.Message) bool                      // reports whether an inbound message answers a ping; nil: none does
	Reply  func(transport.Message) (transport.Message, bool) // answer to a server-initiated ping; ok=false: not a ping
}

// Mode selects how heartbeats are sent. The zero value is ModeAuto.
type Mode int

// Heartbeat modes.
const (
	// ModeAuto (the zero value) uses application messages when a ping is
	// configured or the negotiated subprotocol's profile provides one, else
	// protocol ping frames when the transport can send them (native), else off.
	ModeAuto Mode = iota
	// ModeApplication sends application data messages built by Messages.Ping.
	// Works on every platform.
	ModeApplication
	// ModeProtocol sends RFC 6455 ping frames. Native only: browsers cannot
	// send ping frames, so New and Dial (package sdk) fail there with
	// sdk.ErrInvalidOptions.
	ModeProtocol
	// ModeOff sends no heartbeats and never declares the peer dead. Server
	// pings are still answered when a Reply rule is configured.
	ModeOff
)

// String returns the mode's lower-case name, e.g. "application".
func (m Mode) String() string {
	switch m {
	case ModeAuto:
		return "auto"
	case ModeApplication:
		return "application"
	case ModeProtocol:
		return "protocol"
	case ModeOff:
		return "off"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// Defaults used when the corresponding Config field is zero.
//
// A ping goes out after 25 s without proof of life, so an idle connection
// carries traffic in both directions (ping out, answer back) well inside the
// 60 s idle cut of nginx (proxy_read_timeout) and of most load balancers
// (AWS ALB 60 s, Heroku 55 s), even when a ping is delayed by a few seconds.
// The answer gets 15 s, which absorbs a slow mobile network or a busy
// server, so a dead peer is declared dead at most 25 + 15 = 40 s after the
// last sign of life: before a proxy's 60 s idle timer would have dropped the
// connection anyway, and close to the 25 s/20 s Socket.IO uses.
const (
	defaultInterval            = 25 * time.Second
	defaultTimeout             = 15 * time.Second
	defaultHiddenTimeoutFactor = 4 // while a browser page is hidden, timers are throttled (often to once a minute)
)
