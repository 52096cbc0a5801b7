//go:build !js

package main

import (
	"regexp"

	"github.com/tetherws/tether/internal/redact"
)

// redactURL returns raw with credentials masked (internal/redact: the whole
// user info and the values of token-like query parameters).
func redactURL(raw string) string { return redact.URL(raw) }

// userinfo matches the user info of a URL inside free text.
var userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\s]+@`)

// scrubText masks URL user info and the given secrets in free text.
func scrubText(s string, secrets []string) string {
	return redact.Text(userinfo.ReplaceAllString(s, "${1}"+redact.Mask+"@"), secrets)
}
