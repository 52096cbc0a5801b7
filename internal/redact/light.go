package redact

import (
	"strings"

	"github.com/tetherws/tether/internal/wsurl"
)

// urlLight is URL without net/url (see redact_js.go).
func urlLight(raw string) string {
	u, ok := parseLight(raw)
	if !ok {
		return Mask
	}
	if u.HasUser {
		u.UserInfo = Mask // a user name alone is often the token (wss://TOKEN@host)
	}
	u.RawQuery = query(u.RawQuery)
	u.Fragment = ""
	return u.String()
}

// secretsLight is Secrets without net/url (see redact_js.go).
func secretsLight(raw string) []string {
	u, err := wsurl.Parse(raw)
	if err != nil || u.Host == "" {
		return []string{raw}
	}
	var out []string
	if u.HasUser {
		name, p, _ := strings.Cut(u.UserInfo, ":")
		if p, _ = wsurl.Unescape(p, false); p != "" {
			out = append(out, p, wsurl.QueryEscape(p))
		}
		if name, _ = wsurl.Unescape(name, false); len(name) >= minSecretName {
			out = append(out, name, wsurl.QueryEscape(name))
		}
	}
	for _, pair := range strings.Split(u.RawQuery, "&") {
		if strings.Contains(pair, ";") {
			continue // net/url skips these pairs
		}
		name, value, _ := strings.Cut(pair, "=")
		name, errName := wsurl.Unescape(name, true)
		value, errValue := wsurl.Unescape(value, true)
		if errName != nil || errValue != nil || !IsSensitiveParam(name) || value == "" {
			continue
		}
		out = append(out, value, wsurl.QueryEscape(value))
	}
	return out
}

// parseLight splits raw, refusing what net/url would reject or print
// differently (escaped bytes, no host): callers then mask it all.
func parseLight(raw string) (wsurl.URL, bool) {
	u, err := wsurl.Parse(raw)
	return u, err == nil && u.Canonical() && u.Host != ""
}
