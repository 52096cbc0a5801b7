package subprotocol

import (
	"encoding/base64"
	"strings"
)

// BearerPrefix is the prefix of the Kubernetes bearer-token subprotocol entry,
// base64url.bearer.authorization.k8s.io.<base64url token>.
const BearerPrefix = "base64url.bearer.authorization.k8s.io."

// redactedCredential replaces a credential entry wherever an offer is shown.
const redactedCredential = "[credential]"

// IsCredential reports whether name starts with a known credential prefix
// (compared ignoring ASCII case, so redaction errs on the safe side); at least
// [BearerPrefix]. Such entries are treated as credentials wherever they appear
// in an [Offer].
func IsCredential(name string) bool {
	for _, p := range [...]string{BearerPrefix} {
		if len(name) >= len(p) && strings.EqualFold(name[:len(p)], p) {
			return true
		}
	}
	return false
}

// BearerToken returns the subprotocol entry that carries token the way
// Kubernetes expects: [BearerPrefix] followed by the unpadded base64url
// encoding of token. The result is always a valid token; put it in
// [Offer.Credentials].
func BearerToken(token string) string {
	return BearerPrefix + base64.RawURLEncoding.EncodeToString([]byte(token))
}
