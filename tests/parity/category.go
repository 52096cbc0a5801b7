package parity

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"syscall"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Category names why an attempt failed, from the sdk's error: what the
// platform lets the client know.
func Category(err error) string {
	var (
		he *transport.HandshakeError
		ne *transport.NetworkError
		ce *transport.CloseError
	)
	switch {
	case errors.As(err, &he):
		return fmt.Sprintf("handshake %d", he.Status)
	case errors.Is(err, sdk.ErrSubprotocolMismatch):
		return "subprotocol mismatch"
	case errors.Is(err, context.DeadlineExceeded):
		return "handshake timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &ne) && ne.Op == "dial" && errors.As(err, &ce) && ce.Code == transport.StatusAbnormalClosure:
		return "attempt" // all a browser says about a failed handshake
	case err == nil:
		return "no cause given"
	}
	return "other: " + oneLine(err.Error())
}

var statusRE = regexp.MustCompile(`\b[1-5][0-9][0-9]\b`)

// CategoryOf names why an attempt failed from an error kind and message,
// as the mobile facade and the CLI report them.
func CategoryOf(kind, message string) string {
	lower := strings.ToLower(message)
	switch {
	case kind == "handshake":
		if s := statusRE.FindString(message); s != "" {
			return "handshake " + s
		}
		return "handshake (no status): " + oneLine(message)
	case kind == "subprotocol":
		return "subprotocol mismatch"
	case kind == "timeout":
		return "handshake timeout"
	case kind == "network" && strings.Contains(lower, "refused"):
		return "connection refused"
	case kind == "network" && (strings.Contains(lower, "timed out") || strings.Contains(lower, "timeout") ||
		strings.Contains(lower, "deadline exceeded")):
		return "handshake timeout"
	}
	return "other: " + kind + ": " + oneLine(message)
}
