//go:build !js

package redact

import "net/url"

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
