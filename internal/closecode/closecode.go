// Package closecode names and checks WebSocket close codes (RFC 6455 §7.4)
// for the transports, the sdk and the facades; transport names the common
// ones as Status constants.
package closecode

import (
	"unicode/utf8"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/wserr"
)

// closeCodeNames holds the names of codes 1000 to 1015, indexed by code-1000
// ("" for 1004, which has none). An array, not a map: a map literal costs its
// initialisation code in the wasm build.
var closeCodeNames = [...]string{
	"normal closure", "going away", "protocol error", "unsupported data", "",
	"no status", "abnormal closure", "invalid payload", "policy violation",
	"message too big", "mandatory extension", "internal error",
	"service restart", "try again later", "bad gateway", "TLS handshake",
}

// Name returns a short human name for a close code.
func Name(code int) string {
	if i := code - 1000; i >= 0 && i < len(closeCodeNames) && closeCodeNames[i] != "" {
		return closeCodeNames[i]
	}
	switch {
	case code >= 3000 && code <= 3999:
		return "registered"
	case code >= 4000 && code <= 4999:
		return "application"
	}
	return "unknown"
}

// Sendable reports whether an endpoint may send code in a close frame
// (RFC 6455 §7.4): 1000–1003, 1007–1014 and 3000–4999. 1004, 1005, 1006 and 1015
// are never sent on the wire.
func Sendable(code int) bool {
	switch {
	case code >= 1000 && code <= 1003, code >= 1007 && code <= 1014:
		return true
	case code >= 3000 && code <= 4999:
		return true
	}
	return false
}

// ForBrowser maps code to one a browser's WebSocket.close accepts (1000 or
// 3000–4999). Valid protocol codes other than 1000 (1001–1014) become 1000: the
// browser API refuses to send them. Applications that need to tell such closes
// apart should use 4000–4999 codes.
func ForBrowser(code int) int {
	if code == 1000 || (code >= 3000 && code <= 4999) {
		return code
	}
	return 1000 // normal closure
}

// MaxReasonBytes is the longest close reason a close frame carries (125
// bytes of payload less the 2-byte code).
const MaxReasonBytes = 123

// Check vets the code and reason of a close an endpoint asks for: the code
// must be one it may send (Sendable) and the reason valid UTF-8 of at most
// MaxReasonBytes. The error wraps wserr.ErrInvalidArgument (sdk's
// ErrInvalidArgument) and says which, or is wserr.ErrInvalidUTF8.
func Check(code int, reason string) error {
	switch {
	case !Sendable(code):
		return errfmt.Errorf("%w: close code %d", wserr.ErrInvalidArgument, code)
	case len(reason) > MaxReasonBytes:
		return errfmt.Errorf("%w: close reason of %d bytes, over %d", wserr.ErrInvalidArgument, len(reason), MaxReasonBytes)
	case !utf8.ValidString(reason):
		return wserr.ErrInvalidUTF8
	}
	return nil
}
