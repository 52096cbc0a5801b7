// Package redact removes credentials from URLs and error text before they reach an
// error value, a log line or an event.
package redact

import (
	"strings"

	"github.com/tetherws/tether/internal/wsurl"
)

// Mask replaces every credential.
const Mask = "REDACTED"

// minSecretName is the shortest URL user name Secrets treats as a credential.
const minSecretName = 8

// sensitiveParams are query parameter names (lower case) whose values are treated
// as credentials.
var sensitiveParams = map[string]bool{
	"token": true, "access_token": true, "accesstoken": true, "id_token": true,
	"refresh_token": true, "auth": true, "authorization": true, "apikey": true,
	"api_key": true, "key": true, "secret": true, "password": true, "passwd": true,
	"pass": true, "pwd": true, "jwt": true, "sig": true, "signature": true,
	"session": true, "sessionid": true, "ticket": true, "code": true,
}

// IsSensitiveParam reports whether a query parameter name is treated as a credential.
func IsSensitiveParam(name string) bool { return sensitiveParams[strings.ToLower(name)] }

// query masks the values of sensitive parameters in a raw query.
func query(raw string) string {
	if raw == "" {
		return raw
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		name, _, hasValue := strings.Cut(p, "=")
		if decoded, err := wsurl.Unescape(name, true); err == nil {
			name = decoded
		}
		if hasValue && IsSensitiveParam(name) {
			parts[i] = p[:strings.IndexByte(p, '=')+1] + Mask
		}
	}
	return strings.Join(parts, "&")
}

// Text replaces every secret in s by Mask.
func Text(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, Mask)
		}
	}
	return s
}
