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
	var s secrets
	if u.HasUser {
		name, p, _ := strings.Cut(u.UserInfo, ":")
		name, _ = wsurl.Unescape(name, false) // Parse checked the escapes
		p, _ = wsurl.Unescape(p, false)
		s.add(name)
		s.add(p)
	}
	s.addQuery(u.RawQuery)
	return s.sorted()
}

// parseLight splits raw, refusing what net/url would reject or print
// differently (escaped bytes, no host): callers then mask it all.
func parseLight(raw string) (wsurl.URL, bool) {
	u, err := wsurl.Parse(raw)
	return u, err == nil && u.Canonical() && u.Host != ""
}
