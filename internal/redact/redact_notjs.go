//go:build !js

package redact

import "net/url"

// URL returns raw redacted by the package rule: user info and every query
// value replaced by Mask, no fragment; Mask alone when raw is not an absolute
// URL with a host.
func URL(raw string) string {
	u, ok := parse(raw)
	if !ok {
		return Mask
	}
	if u.User != nil {
		u.User = url.User(Mask) // a user name alone is often the token (wss://TOKEN@host)
	}
	u.RawQuery = query(u.RawQuery)
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// Secrets returns the credentials of raw to scrub from free text (see the
// package rule), longest first: raw itself when it is not an absolute URL
// with a host.
func Secrets(raw string) []string {
	u, ok := parse(raw)
	if !ok {
		return []string{raw}
	}
	var s secrets
	if u.User != nil {
		s.add(u.User.Username())
		p, _ := u.User.Password()
		s.add(p)
	}
	s.addQuery(u.RawQuery)
	return s.sorted()
}

func parse(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	return u, err == nil && u.Scheme != "" && u.Host != ""
}
