//go:build js

package redact

// Browser builds split URLs with internal/wsurl instead of net/url (tens of
// kilobytes of wasm); light_test.go checks both give the same results.

// URL returns raw redacted by the package rule: user info and every query
// value replaced by Mask, no fragment; Mask alone when raw is not an absolute
// URL with a host.
func URL(raw string) string { return urlLight(raw) }

// Secrets returns the credentials of raw to scrub from free text (see the
// package rule), longest first: raw itself when it is not an absolute URL
// with a host.
func Secrets(raw string) []string { return secretsLight(raw) }
