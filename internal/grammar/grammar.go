// Package grammar holds the small pieces of HTTP and WebSocket syntax that
// the public subprotocol package and the internal negotiation both need: the
// RFC 7230 token and the bearer-token subprotocol entry's prefix. One copy,
// so the two can never disagree.
package grammar

// BearerPrefix starts the Kubernetes bearer-token subprotocol entry
// (subprotocol.BearerToken builds it; the negotiation treats entries with it
// as credentials and never shows them).
const BearerPrefix = "base64url.bearer.authorization.k8s.io."

// IsToken reports whether s is an RFC 7230 token: one or more tchar, that is
// ASCII letters, digits and !#$%&'*+-.^_`|~. The empty string is not a token.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsTchar(s[i]) {
			return false
		}
	}
	return true
}

// IsTchar reports whether c may appear in a token.
func IsTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}
