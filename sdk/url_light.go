package sdk

import (
	"strings"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/wsurl"
)

// normalizeURLLight is normalizeURL without net/url (see url_js.go).
func normalizeURLLight(raw string) (string, error) {
	if strings.TrimSpace(raw) == "" {
		return "", errfmt.Errorf("%w: empty", ErrInvalidURL)
	}
	u, err := wsurl.Parse(raw)
	if err != nil {
		return "", lightURLError(raw)
	}
	switch u.Scheme {
	case "ws", "http":
		u.Scheme = "ws"
	case "wss", "https":
		u.Scheme = "wss"
	default:
		return "", schemeError(raw, u.Scheme)
	}
	if u.Hostname() == "" {
		return "", errfmt.Errorf("%w: no host", ErrInvalidURL)
	}
	u.Fragment = ""
	return u.String(), nil
}

// maxSchemeShown bounds the scheme an error quotes.
const maxSchemeShown = 16

// schemeError reports a scheme other than ws, wss, http and https. It names
// the scheme only when "//" follows it: "user:password@host", a URL whose
// scheme was left out, parses with the scheme "user", which is user info.
func schemeError(raw, scheme string) error {
	rest := raw[min(len(scheme)+1, len(raw)):]
	if scheme == "" || !strings.HasPrefix(rest, "//") {
		return errfmt.Errorf("%w: no scheme (want ws:// or wss://)", ErrInvalidURL)
	}
	if len(scheme) > maxSchemeShown {
		return errfmt.Errorf("%w: scheme %q… (want ws, wss, http or https)", ErrInvalidURL, scheme[:maxSchemeShown])
	}
	return errfmt.Errorf("%w: scheme %q (want ws, wss, http or https)", ErrInvalidURL, scheme)
}

// lightURLError tells a URL without a scheme from one that does not parse.
func lightURLError(raw string) error {
	if i := strings.IndexAny(raw, ":/?#"); i < 0 || raw[i] != ':' {
		return errfmt.Errorf("%w: no scheme (want ws:// or wss://)", ErrInvalidURL)
	}
	return errfmt.Errorf("%w: does not parse", ErrInvalidURL)
}
