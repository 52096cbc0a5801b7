//go:build !js

package main

import (
	"regexp"

	"github.com/tetherws/tether/internal/redact"
)

// urlInText matches a URL inside free text, up to a space or a quote.
var urlInText = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>` + "`" + `]+`)

// scrubText redacts every URL in free text by the rule of internal/redact
// (user info, query values), then masks the given secrets.
func scrubText(s string, secrets []string) string {
	return redact.Text(urlInText.ReplaceAllStringFunc(s, redact.URL), secrets)
}
