//go:build !js

package main

import (
	"strconv"
	"strings"

	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/redact"
)

// What usage errors may show of what the user typed: never a header value,
// a query value, user info or a credential subprotocol entry.

// notShown stands for an argument a usage error does not repeat.
const notShown = "(not shown)"

// shownURL quotes raw redacted (internal/redact); a string that is not an
// absolute URL with a host is not shown at all.
func shownURL(raw string) string {
	if s := redact.URL(raw); s != redact.Mask {
		return strconv.Quote(s)
	}
	return notShown
}

// shownEntry quotes a valid subprotocol name unless it is a credential entry.
func shownEntry(name string) string {
	if negotiate.IsCredential(name) {
		return "(a credential entry, not shown)"
	}
	return strconv.Quote(name)
}

// shownFlag returns a flag name from a flag package error if it is a plain
// name (dashes, letters, digits): "-HAuthorization: Bearer x" is one
// argument, a mistyped -H whose rest is a credential.
func shownFlag(name string) string {
	plain := strings.TrimLeft(name, "-")
	if plain == "" || len(plain) > 32 || strings.IndexFunc(plain, notFlagRune) >= 0 || glued(name) {
		return notShown
	}
	return name
}

func notFlagRune(r rune) bool {
	return !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

// glued reports a short flag that takes a value written together with it
// (-HValue, -pValue): the rest is the value. --proxy is just unknown.
func glued(name string) bool {
	return len(name) > 2 && name[0] == '-' && (name[1] == 'H' || name[1] == 'p')
}
