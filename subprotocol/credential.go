package subprotocol

import "encoding/base64"

// bearerPrefix starts every BearerToken entry (internal/negotiate.IsCredential
// recognises it; a test there checks both agree).
const bearerPrefix = "base64url.bearer.authorization.k8s.io."

// BearerToken returns the subprotocol entry that carries token the way
// Kubernetes expects: "base64url.bearer.authorization.k8s.io." followed by the
// unpadded base64url encoding of token. The result is always a valid token;
// offer it as a credential entry (sdk Options.SubprotocolCredentials): it is
// sent, never accepted as the selected protocol, and shown as "[credential]".
// An empty token gives the prefix alone.
func BearerToken(token string) string {
	return bearerPrefix + base64.RawURLEncoding.EncodeToString([]byte(token))
}
