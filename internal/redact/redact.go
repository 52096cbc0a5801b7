// Package redact removes credentials from URLs and error text before they reach an
// error value, a log line or an event.
package redact

import (
	"net/url"
	"strings"
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

// URL returns raw with the whole user info and the values of sensitive query
// parameters replaced by Mask. A raw string that does not parse is replaced whole.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return Mask
	}
	if u.User != nil {
		u.User = url.User(Mask) // a user name alone is often the token (wss://TOKEN@host)
	}
	u.RawQuery = query(u.RawQuery)
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

func query(raw string) string {
	if raw == "" {
		return raw
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		name, _, hasValue := strings.Cut(p, "=")
		if decoded, err := url.QueryUnescape(name); err == nil {
			name = decoded
		}
		if hasValue && IsSensitiveParam(name) {
			parts[i] = p[:strings.IndexByte(p, '=')+1] + Mask
		}
	}
	return strings.Join(parts, "&")
}

// Secrets returns the credential substrings of raw (password, user info, sensitive
// query values, raw and unescaped), longest first, for scrubbing free text.
func Secrets(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil {
		return []string{raw}
	}
	var out []string
	if u.User != nil {
		if p, has := u.User.Password(); has && p != "" {
			out = append(out, p, url.QueryEscape(p))
		}
		// A long user name is likely a token; short ones are left in free text
		// (masking every "ws" or "bob" would garble the message).
		if name := u.User.Username(); len(name) >= minSecretName {
			out = append(out, name, url.QueryEscape(name))
		}
	}
	for name, values := range u.Query() {
		if !IsSensitiveParam(name) {
			continue
		}
		for _, v := range values {
			if v != "" {
				out = append(out, v, url.QueryEscape(v))
			}
		}
	}
	return out
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
