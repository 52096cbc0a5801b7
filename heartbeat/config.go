package heartbeat

import (
	"math"
	"time"

	"github.com/tetherws/tether/internal/errfmt"
)

// Config is the user's heartbeat configuration. The zero value is valid:
// ModeAuto with the default interval, timeout and hidden-page factor, no
// application messages of its own, any inbound message counting as proof of
// life, and matched pongs swallowed.
type Config struct {
	// Mode selects how pings are sent; zero: ModeAuto.
	Mode Mode
	// Interval is the time without proof of life after which a ping is sent;
	// zero: DefaultInterval. Negative is an error.
	Interval time.Duration
	// Timeout is how long to wait for proof of life after a ping before the
	// peer is declared dead; zero: DefaultTimeout. Negative is an error.
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
	// hidden; zero: DefaultHiddenTimeoutFactor. Other values below 1, NaN
	// and infinities are errors.
	HiddenTimeoutFactor float64
}

// DefaultConfig returns a fresh Config with the defaults filled in.
func DefaultConfig() Config {
	return Config{
		Mode:                ModeAuto,
		Interval:            DefaultInterval,
		Timeout:             DefaultTimeout,
		HiddenTimeoutFactor: DefaultHiddenTimeoutFactor,
	}
}

// Plan is the effective heartbeat for one connection after resolving
// ModeAuto against what is available. Resolve fills every field. A Plan
// whose Mode is not ModeApplication or ModeProtocol, or whose Interval or
// Timeout is not positive (such as the zero Plan), makes an inactive Monitor.
type Plan struct {
	Mode                Mode          // ModeApplication, ModeProtocol or ModeOff
	Interval, Timeout   time.Duration // both positive
	Messages                          // Ping and IsPong set only in ModeApplication; Reply in every mode
	RequirePong         bool          // see Config.RequirePong
	DeliverPongs        bool          // see Config.DeliverPongs
	HiddenTimeoutFactor float64       // at least 1
}

// Resolve picks the effective plan for one connection.
//
// profile holds the messages of the negotiated subprotocol's profile (zero if
// none); protocolPings reports whether the transport can send ping frames
// (false in browsers). Messages merge field by field: each of the user's
// Ping, IsPong and Reply overrides the profile's, so the profile's Reply is
// used with the user's Ping unless the user set Reply too.
//
//   - ModeOff: off (the Reply rule still answers server pings).
//   - ModeApplication: needs a Ping from the user or the profile.
//   - ModeProtocol: fails with ErrProtocolPingUnsupported when !protocolPings.
//   - ModeAuto: application when a Ping is available, else protocol when
//     protocolPings, else off.
//
// RequirePong in application mode needs an IsPong, or nothing could ever
// prove life. Errors other than ErrProtocolPingUnsupported wrap ErrInvalidConfig.
func (c Config) Resolve(profile Messages, protocolPings bool) (Plan, error) {
	if err := c.validate(); err != nil {
		return Plan{}, err
	}
	msgs := merge(c.Messages, profile)
	mode, err := c.mode(msgs, protocolPings)
	if err != nil {
		return Plan{}, err
	}
	if mode == ModeApplication && c.RequirePong && msgs.IsPong == nil {
		return Plan{}, errfmt.Errorf("%w: RequirePong needs a pong matcher (IsPong)", ErrInvalidConfig)
	}
	if mode != ModeApplication {
		msgs = Messages{Reply: msgs.Reply}
	}
	return c.plan(mode, msgs), nil
}

// mode resolves c.Mode against the available ping and transport.
func (c Config) mode(msgs Messages, protocolPings bool) (Mode, error) {
	switch c.Mode {
	case ModeOff:
		return ModeOff, nil
	case ModeApplication:
		if msgs.Ping == nil {
			return 0, errfmt.Errorf("%w: mode application needs a ping message (Config.Ping or the subprotocol profile)", ErrInvalidConfig)
		}
		return ModeApplication, nil
	case ModeProtocol:
		if !protocolPings {
			return 0, errfmt.Errorf("%w (heartbeat mode protocol)", ErrProtocolPingUnsupported)
		}
		return ModeProtocol, nil
	}
	switch { // ModeAuto; validate rejected other values
	case msgs.Ping != nil:
		return ModeApplication, nil
	case protocolPings:
		return ModeProtocol, nil
	}
	return ModeOff, nil
}

// validate checks the fields Resolve does not fill in.
func (c Config) validate() error {
	f := c.HiddenTimeoutFactor
	switch {
	case c.Mode < ModeAuto || c.Mode > ModeOff:
		return errfmt.Errorf("%w: unknown mode %v", ErrInvalidConfig, c.Mode)
	case c.Interval < 0:
		return errfmt.Errorf("%w: negative interval %v", ErrInvalidConfig, c.Interval)
	case c.Timeout < 0:
		return errfmt.Errorf("%w: negative timeout %v", ErrInvalidConfig, c.Timeout)
	case f != 0 && !(f >= 1 && !math.IsInf(f, 1)):
		return errfmt.Errorf("%w: hidden timeout factor %v (want 0 or at least 1)", ErrInvalidConfig, f)
	}
	return nil
}

// plan builds the Plan with defaults filled in.
func (c Config) plan(mode Mode, msgs Messages) Plan {
	d := DefaultConfig()
	return Plan{
		Mode:                mode,
		Interval:            orDefault(c.Interval, d.Interval),
		Timeout:             orDefault(c.Timeout, d.Timeout),
		Messages:            msgs,
		RequirePong:         c.RequirePong,
		DeliverPongs:        c.DeliverPongs,
		HiddenTimeoutFactor: orDefault(c.HiddenTimeoutFactor, d.HiddenTimeoutFactor),
	}
}

// merge overrides profile with the fields user sets.
func merge(user, profile Messages) Messages {
	if user.Ping != nil {
		profile.Ping = user.Ping
	}
	if user.IsPong != nil {
		profile.IsPong = user.IsPong
	}
	if user.Reply != nil {
		profile.Reply = user.Reply
	}
	return profile
}

func orDefault[T time.Duration | float64](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}
