package liveness

import (
	"math"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/errfmt"
)

// Plan is the effective heartbeat for one connection after resolving
// heartbeat.ModeAuto against what is available. Resolve fills every field. A
// Plan whose Mode is not heartbeat.ModeApplication or heartbeat.ModeProtocol,
// or whose Interval or Timeout is not positive (such as the zero Plan), makes
// an inactive Monitor.
type Plan struct {
	Mode                heartbeat.Mode // ModeApplication, ModeProtocol or ModeOff
	Interval, Timeout   time.Duration  // both positive
	heartbeat.Messages                 // Ping and IsPong set only in ModeApplication; Reply in every mode
	RequirePong         bool           // see heartbeat.Config.RequirePong
	DeliverPongs        bool           // see heartbeat.Config.DeliverPongs
	HiddenTimeoutFactor float64        // at least 1
}

// Resolve picks the effective plan of c for one connection.
//
// profile holds the messages of the negotiated subprotocol's profile (zero if
// none); protocolPings reports whether the transport can send ping frames
// (false in browsers). Messages merge field by field: each of the user's
// Ping, IsPong and Reply overrides the profile's, so the profile's Reply is
// used with the user's Ping unless the user set Reply too.
//
//   - ModeOff: off (the Reply rule still answers server pings).
//   - ModeApplication: needs a Ping from the user or the profile.
//   - ModeProtocol: fails with ErrProtocolPingUnsupported when
//     !protocolPings.
//   - ModeAuto: application when a Ping is available, else protocol when
//     protocolPings, else off.
//
// RequirePong in application mode needs an IsPong, or nothing could ever
// prove life. Errors other than ErrProtocolPingUnsupported wrap
// ErrInvalidConfig.
func Resolve(c heartbeat.Config, profile heartbeat.Messages, protocolPings bool) (Plan, error) {
	if err := validate(c); err != nil {
		return Plan{}, err
	}
	msgs := merge(c.Messages, profile)
	mode, err := resolveMode(c.Mode, msgs, protocolPings)
	if err != nil {
		return Plan{}, err
	}
	if mode == heartbeat.ModeApplication && c.RequirePong && msgs.IsPong == nil {
		return Plan{}, errfmt.Errorf("%w: RequirePong needs a pong matcher (IsPong)", ErrInvalidConfig)
	}
	if mode != heartbeat.ModeApplication {
		msgs = heartbeat.Messages{Reply: msgs.Reply}
	}
	return plan(c, mode, msgs), nil
}

// resolveMode resolves mode against the available ping and transport.
func resolveMode(mode heartbeat.Mode, msgs heartbeat.Messages, protocolPings bool) (heartbeat.Mode, error) {
	switch mode {
	case heartbeat.ModeOff:
		return heartbeat.ModeOff, nil
	case heartbeat.ModeApplication:
		if msgs.Ping == nil {
			return 0, errfmt.Errorf("%w: mode application needs a ping message (Config.Ping or the subprotocol profile)", ErrInvalidConfig)
		}
		return heartbeat.ModeApplication, nil
	case heartbeat.ModeProtocol:
		if !protocolPings {
			return 0, errfmt.Errorf("%w (heartbeat mode protocol)", ErrProtocolPingUnsupported)
		}
		return heartbeat.ModeProtocol, nil
	}
	switch { // ModeAuto; validate rejected other values
	case msgs.Ping != nil:
		return heartbeat.ModeApplication, nil
	case protocolPings:
		return heartbeat.ModeProtocol, nil
	}
	return heartbeat.ModeOff, nil
}

// validate checks the fields Resolve does not fill in.
func validate(c heartbeat.Config) error {
	f := c.HiddenTimeoutFactor
	switch {
	case c.Mode < heartbeat.ModeAuto || c.Mode > heartbeat.ModeOff:
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
func plan(c heartbeat.Config, mode heartbeat.Mode, msgs heartbeat.Messages) Plan {
	d := heartbeat.DefaultConfig()
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
func merge(user, profile heartbeat.Messages) heartbeat.Messages {
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
