//go:build !js

package main

import (
	"regexp"

	"github.com/tetherws/tether/internal/redact"
)

// userinfo matches the user info of a URL inside free text.
var userinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\s]+@`)

// scrubText masks URL user info and the given secrets in free text.
func scrubText(s string, secrets []string) string {
	return redact.Text(userinfo.ReplaceAllString(s, "${1}"+redact.Mask+"@"), secrets)
}
