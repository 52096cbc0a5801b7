package liveness

import "errors"

// Errors a client reports about heartbeats. Users compare them through the
// sdk: ErrTimeout is sdk.ErrHeartbeatTimeout; the other two are wrapped in
// errors that also satisfy sdk.ErrInvalidOptions.
var (
	// ErrTimeout is the error a connection is closed with when the peer gave no
	// proof of life in time; the client sends close code 4000 with the reason
	// "heartbeat timeout".
	ErrTimeout = errors.New("tether: heartbeat timeout")
	// ErrProtocolPingUnsupported is wrapped by the error of Dial (package
	// sdk) when ModeProtocol is asked for on a transport that cannot send ping
	// frames (browsers).
	ErrProtocolPingUnsupported = errors.New("tether: protocol pings are not available on this platform (browsers cannot send ping frames); configure an application ping")
	// ErrInvalidConfig is wrapped by the error of Dial (package sdk) for any
	// other invalid Config.
	ErrInvalidConfig = errors.New("tether: invalid heartbeat config")
)
