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
		return "", errfmt.Errorf("%w: scheme %q (want ws, wss, http or https)", ErrInvalidURL, u.Scheme)
	}
	if u.Hostname() == "" {
		return "", errfmt.Errorf("%w: no host", ErrInvalidURL)
	}
	u.Fragment = ""
	return u.String(), nil
}

// lightURLError tells a URL without a scheme from one that does not parse.
func lightURLError(raw string) error {
	if i := strings.IndexAny(raw, ":/?#"); i < 0 || raw[i] != ':' {
		return errfmt.Errorf("%w: no scheme (want ws:// or wss://)", ErrInvalidURL)
	}
	return errfmt.Errorf("%w: does not parse", ErrInvalidURL)
}
