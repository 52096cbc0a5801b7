package negotiate

import (
	"strings"

	"github.com/tetherws/tether/internal/grammar"
)

// redactedCredential replaces a credential entry wherever an offer is shown
// (the form subprotocol.MismatchError documents).
const redactedCredential = "[credential]"

// IsCredential reports whether name starts with a known credential prefix
// (compared ignoring ASCII case, so redaction errs on the safe side); at least
// the Kubernetes bearer-token prefix of subprotocol.BearerToken's entries.
// Such entries are treated as credentials wherever they appear in an [Offer].
func IsCredential(name string) bool {
	for _, p := range [...]string{grammar.BearerPrefix} {
		if len(name) >= len(p) && strings.EqualFold(name[:len(p)], p) {
			return true
		}
	}
	return false
}
