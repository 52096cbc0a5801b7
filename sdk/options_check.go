package sdk

import (
	"strings"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/internal/negotiate"
)

// invalidOptions is an Options mistake found by another package's check:
// errors.Is finds ErrInvalidOptions and that package's error too
// (liveness.ErrInvalidConfig, wserr.ErrHeaderUnsupported, …). The reconnect policy never retries it: the same
// options fail the same way every time.
type invalidOptions struct {
	field string // the Options field, e.g. "Heartbeat"
	err   error
}

func (e *invalidOptions) Error() string {
	return ErrInvalidOptions.Error() + ": " + e.field + ": " + strings.TrimPrefix(e.err.Error(), "tether: ")
}

func (e *invalidOptions) Unwrap() []error { return []error{ErrInvalidOptions, e.err} }

// Retryable returns false; the reconnect policy reads it.
func (e *invalidOptions) Retryable() bool { return false }

// checkParams validates the parameters of an attempt before any network
// I/O: the offer and the handshake headers.
// initialURL normalises the URL given to New or Dial; "" is accepted when
// BeforeDial will supply every attempt's URL.
func initialURL(raw string, beforeDial bool) (string, error) {
	if raw == "" && beforeDial {
		return "", nil
	}
	return normalizeURL(raw)
}

func checkParams(p DialParams) error {
	if err := offerOf(p).Validate(); err != nil {
		return &invalidOptions{field: "Subprotocols", err: err}
	}
	return checkHeader(p.Header)
}

// checkHeartbeat reports heartbeat settings that fail whatever the server
// selects: with the profile of every offered subprotocol, and with none
// unless one is required. Settings that work with some selections only fail
// later, on a connection whose selection they do not fit (see accept).
func checkHeartbeat(o *Options, protocols []string) error {
	var first error
	for _, profile := range heartbeatProfiles(o, protocols) {
		_, err := liveness.Resolve(o.Heartbeat, profile, protocolPings)
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return &invalidOptions{field: "Heartbeat", err: first}
}

// heartbeatProfiles lists the heartbeat messages a connection may get: those
// of each protocol the server may select, and none when it may select none.
func heartbeatProfiles(o *Options, protocols []string) []heartbeat.Messages {
	var out []heartbeat.Messages
	if !o.RequireSubprotocol || len(protocols) == 0 {
		out = append(out, heartbeat.Messages{})
	}
	for _, name := range protocols {
		if negotiate.IsCredential(name) {
			continue // never selected
		}
		p, _ := negotiate.Lookup(o.Profiles, name)
		out = append(out, p.Heartbeat)
	}
	return out
}
