// Package closecode names and checks WebSocket close codes (RFC 6455 §7.4)
// for the transports, the sdk and the facades; transport names the common
// ones as Status constants.
package closecode

var closeCodeNames = map[int]string{
	1000: "normal closure", 1001: "going away", 1002: "protocol error",
	1003: "unsupported data", 1005: "no status", 1006: "abnormal closure",
	1007: "invalid payload", 1008: "policy violation", 1009: "message too big",
	1010: "mandatory extension", 1011: "internal error", 1012: "service restart",
	1013: "try again later", 1014: "bad gateway", 1015: "TLS handshake",
}

// Name returns a short human name for a close code.
func Name(code int) string {
	if n, ok := closeCodeNames[code]; ok {
		return n
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
