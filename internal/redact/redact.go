// Package redact removes credentials from URLs and from free text before they
// reach an error value, a log record, an event or CLI output.
//
// The rule is the same in every build (native and js/wasm):
//
//   - URL keeps a URL's scheme, host, port and path. It replaces the whole
//     user info by REDACTED (a user name alone is often a token) and every
//     non-empty query value by REDACTED, keeping the parameter names: entries
//     are split on both '&' and ';', and an entry without '=' is masked whole,
//     since it may be a bare token. It drops the fragment. A string that is
//     not an absolute URL with a scheme and a host is replaced whole.
//     "wss://bob:pw@h/p?room=1;token=abc&debug#x" becomes
//     "wss://REDACTED@h/p?room=REDACTED;token=REDACTED&REDACTED".
//   - Secrets lists the same credentials (user name, password, every query
//     value and bare entry), decoded and as they may be written, for Text to
//     scrub from free text such as a wrapped error's message. Only those of at
//     least MinSecretLen bytes are listed: scrubbing "1", "en" or "true"
//     would garble words and numbers, and such short values carry too little
//     to be a credential. They are still masked wherever URL shows the URL.
package redact

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tetherws/tether/internal/wsurl"
)

// Mask replaces every credential.
const Mask = "REDACTED"

// MinSecretLen is the shortest credential Secrets lists for scrubbing text.
const MinSecretLen = 6

// query masks a raw query: every non-empty value, and every entry without
// '=', becomes Mask; names, empty values and separators stay.
func query(raw string) string {
	var b strings.Builder
	for {
		entry, sep, rest := nextEntry(raw)
		b.WriteString(maskEntry(entry))
		b.WriteString(sep)
		if sep == "" {
			return b.String()
		}
		raw = rest
	}
}

// nextEntry splits raw at its first '&' or ';' (sep is "" when there is none).
func nextEntry(raw string) (entry, sep, rest string) {
	i := strings.IndexAny(raw, "&;")
	if i < 0 {
		return raw, "", ""
	}
	return raw[:i], raw[i : i+1], raw[i+1:]
}

func maskEntry(entry string) string {
	name, value, hasValue := strings.Cut(entry, "=")
	switch {
	case entry == "" || (hasValue && value == ""):
		return entry
	case !hasValue:
		return Mask // a bare entry may be the token itself (?TOKEN)
	}
	return name + "=" + Mask
}

// secrets collects credentials for Secrets, each once, longest first.
type secrets []string

// addQuery adds every value and bare entry of a raw query, raw and decoded.
func (s *secrets) addQuery(raw string) {
	for {
		entry, sep, rest := nextEntry(raw)
		value := entry
		if _, v, ok := strings.Cut(entry, "="); ok {
			value = v
		}
		decoded, err := wsurl.Unescape(value, true)
		if err != nil {
			decoded = value
		}
		if s.add(decoded) {
			s.addForm(value)
		}
		if sep == "" {
			return
		}
		raw = rest
	}
}

// add adds a decoded credential and its query-escaped form when it is at
// least MinSecretLen bytes long, and reports whether it did.
func (s *secrets) add(decoded string) bool {
	if len(decoded) < MinSecretLen {
		return false
	}
	s.addForm(decoded)
	s.addForm(wsurl.QueryEscape(decoded))
	return true
}

func (s *secrets) addForm(form string) {
	if !slices.Contains(*s, form) {
		*s = append(*s, form)
	}
}

// sorted returns the list longest first, so that a secret containing
// another is replaced whole.
func (s secrets) sorted() []string {
	slices.SortStableFunc(s, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	return s
}

// Text replaces every secret in s by Mask.
func Text(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, Mask)
		}
	}
	return s
}
