package subprotocol

import (
	"encoding/base64"

	"github.com/tetherws/tether/internal/grammar"
)

// BearerToken returns the subprotocol entry that carries token the way
// Kubernetes expects: "base64url.bearer.authorization.k8s.io." followed by the
// unpadded base64url encoding of token. The result is always a valid token;
// offer it as a credential entry (sdk Options.SubprotocolCredentials): it is
// sent, never accepted as the selected protocol, and shown as "[credential]".
// An empty token gives the prefix alone.
func BearerToken(token string) string {
	return grammar.BearerPrefix + base64.RawURLEncoding.EncodeToString([]byte(token))
}
