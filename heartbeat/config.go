package heartbeat

import "time"

// Config is the user's heartbeat configuration. The zero value is valid:
// ModeAuto with the default interval, timeout and hidden-page factor, no
// application messages of its own, any inbound message counting as proof of
// life, and matched pongs swallowed.
type Config struct {
	// Mode selects how pings are sent; zero: ModeAuto.
	Mode Mode
	// Interval is the time without proof of life after which a ping is sent;
	// zero: 25 s. Negative is an error.
	Interval time.Duration
	// Timeout is how long to wait for proof of life after a ping before the
	// peer is declared dead; zero: 15 s. Negative is an error.
	Timeout time.Duration
	// Messages are the application ping, pong matcher and reply rule; each
	// nil field falls back to the subprotocol profile's. Zero: none configured.
	Messages
	// RequirePong: zero (false): any inbound message counts as proof of life,
	// which saves pings on busy links; true: only a matched pong (or a
	// protocol pong, a server ping, or unread backlog) does.
	RequirePong bool
	// DeliverPongs: zero (false): matched pongs are swallowed, not delivered
	// to Receive; true: they are delivered too.
	DeliverPongs bool
	// HiddenTimeoutFactor multiplies Timeout while the browser page is
	// hidden; zero: 4. Other values below 1, NaN
	// and infinities are errors.
	HiddenTimeoutFactor float64
}

// DefaultConfig returns a fresh Config with the defaults filled in.
func DefaultConfig() Config {
	return Config{
		Mode:                ModeAuto,
		Interval:            defaultInterval,
		Timeout:             defaultTimeout,
		HiddenTimeoutFactor: defaultHiddenTimeoutFactor,
	}
}
