//go:build js

package redact

// Browser builds split URLs with internal/wsurl instead of net/url (tens of
// kilobytes of wasm); redact_test.go checks both agree.

// URL returns raw with the whole user info and the values of sensitive query
// parameters replaced by Mask. A raw string that does not parse is replaced whole.
func URL(raw string) string { return urlLight(raw) }

// Secrets returns the credential substrings of raw (password, user info, sensitive
// query values, raw and unescaped), longest first, for scrubbing free text.
func Secrets(raw string) []string { return secretsLight(raw) }
