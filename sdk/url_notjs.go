//go:build !js

package sdk

import (
	"fmt"
	"net/url"
	"strings"
)

// normalizeURL checks raw and returns it with the scheme mapped to ws or wss:
// http becomes ws and https becomes wss; a fragment is dropped (RFC 6455 §3).
// Errors never repeat the URL, which may carry credentials.
func normalizeURL(raw string) (string, error) {
	if strings.TrimSpace(raw) == "" {
		return "", fmt.Errorf("%w: empty", ErrInvalidURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%w: does not parse", ErrInvalidURL)
	}
	switch strings.ToLower(u.Scheme) {
	case "ws", "http":
		u.Scheme = "ws"
	case "wss", "https":
		u.Scheme = "wss"
	default:
		return "", schemeError(raw, u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("%w: no host", ErrInvalidURL)
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}
