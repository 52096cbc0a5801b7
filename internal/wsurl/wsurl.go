// Package wsurl splits absolute URLs (scheme://authority/path?query#fragment)
// without net/url, which with net/netip and unique adds about 55 kB gzip to a
// browser build. It is stricter than net/url where that is safe: anything
// net/url rejects, and anything it cannot classify, is an error, so callers
// that redact credentials mask the whole URL instead of guessing.
//
// Browser builds use it (sdk/url_js.go, internal/redact/redact_js.go); native
// builds keep net/url, and tests compare the two.
package wsurl

import (
	"errors"
	"strings"
)

// ErrSyntax reports a URL that does not split cleanly.
var ErrSyntax = errors.New("wsurl: malformed URL")

// URL is an absolute URL with an authority, split into its raw parts.
type URL struct {
	Scheme   string // lower case
	UserInfo string // raw, without '@'; HasUser tells an empty one from none
	HasUser  bool
	Host     string // raw host[:port]; IPv6 literals keep their brackets
	Path     string // raw, starts with '/' when not empty
	RawQuery string // raw, without '?'
	HasQuery bool   // the URL has a '?', even with an empty query
	Fragment string // raw, without '#'
}

// Parse splits raw. It fails on control bytes, a missing or invalid scheme,
// a missing "//", bad percent-escapes in the user info, an unclosed IPv6
// literal, a non-numeric port, or bytes a host cannot contain.
func Parse(raw string) (URL, error) {
	var u URL
	for i := 0; i < len(raw); i++ {
		if raw[i] < 0x20 || raw[i] == 0x7f {
			return u, ErrSyntax
		}
	}
	rest, frag, hasFrag := strings.Cut(raw, "#")
	if hasFrag {
		u.Fragment = frag
	}
	scheme, rest, ok := splitScheme(rest)
	if !ok || len(rest) < 2 || rest[:2] != "//" {
		return u, ErrSyntax
	}
	u.Scheme = lowerASCII(scheme)
	rest = rest[2:]
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	authority := rest[:end]
	rest = rest[end:]
	u.Path, u.RawQuery, u.HasQuery = strings.Cut(rest, "?")
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		u.UserInfo, u.HasUser, authority = authority[:at], true, authority[at+1:]
		_, err := Unescape(u.UserInfo, false)
		if err != nil || !onlyBytes(u.UserInfo, "-._:~!$&'()*+,;=%", false) {
			return u, ErrSyntax
		}
	}
	if _, err := Unescape(authority, false); err != nil || !validHost(authority) {
		return u, ErrSyntax
	}
	u.Host = authority
	if _, err := Unescape(u.Path, false); err != nil {
		return u, ErrSyntax
	}
	if _, err := Unescape(u.Fragment, false); err != nil {
		return u, ErrSyntax
	}
	return u, nil
}

// Canonical reports whether the user info, path and query hold only bytes a
// URL may carry unescaped (RFC 3986), so that String needs no escaping to
// match net/url's. Spaces and non-ASCII bytes, for example, make it false.
func (u URL) Canonical() bool {
	const extra = "-._~!$&'()*+,;=:@/?%"
	return onlyBytes(u.UserInfo, extra, false) && onlyBytes(u.Path, extra, false) &&
		onlyBytes(u.RawQuery, extra, false)
}

// String joins the parts again.
func (u URL) String() string {
	s := u.Scheme + "://"
	if u.HasUser {
		s += u.UserInfo + "@"
	}
	s += u.Host + u.Path
	if u.HasQuery {
		s += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		s += "#" + u.Fragment
	}
	return s
}

// Hostname is Host without the port and the brackets of an IPv6 literal.
func (u URL) Hostname() string {
	host, _ := splitPort(u.Host)
	if len(host) >= 2 && host[0] == '[' {
		return host[1 : len(host)-1]
	}
	return host
}

// splitScheme splits "scheme:rest"; the scheme is ALPHA *(ALPHA / DIGIT / + - .).
func splitScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.') && i > 0:
		case c == ':' && i > 0:
			return s[:i], s[i+1:], true
		default:
			return "", s, false
		}
	}
	return "", s, false
}

// validHost accepts reg-name or IPv4 hosts and bracketed IPv6 literals, with
// an optional numeric port.
func validHost(hostport string) bool {
	host, port := splitPort(hostport)
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	if len(host) > 0 && host[0] == '[' {
		return len(host) >= 2 && host[len(host)-1] == ']' && validIPv6(host[1:len(host)-1])
	}
	return onlyBytes(host, "-._~!$&'()*+,;=", false) // no escapes: net/url rejects most
}

// splitPort splits "host:port"; a bracketed host keeps its colons.
func splitPort(hostport string) (host, port string) {
	i := strings.LastIndexByte(hostport, ':')
	if i < 0 || strings.LastIndexByte(hostport, ']') > i {
		return hostport, ""
	}
	return hostport[:i], hostport[i+1:]
}

// onlyBytes reports whether s has only letters, digits and bytes of extra
// (hex: hexadecimal digits instead of all letters).
func onlyBytes(s, extra string, hex bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if hex {
			letter = 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
		}
		if !letter && (c < '0' || c > '9') && strings.IndexByte(extra, c) < 0 {
			return false
		}
	}
	return true
}

// lowerASCII is strings.ToLower for a scheme, which splitScheme allows only
// ASCII letters, digits, '+', '-' and '.': without strings.ToLower the
// browser build leaves out Unicode's case tables.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
