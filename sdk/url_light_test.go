//go:build !js

package sdk

import (
	"errors"
	"strings"
	"testing"
)

// urlCases are dial URLs on which normalizeURLLight (browser builds) and
// normalizeURL must agree: both fail, or both return the same URL when the
// input is already escaped as net/url prints it.
var urlCases = []string{
	"ws://h/x", "http://h/x", "HTTPS://h/x", "ws://h/x#frag", "wss://h:443/", "ws://u:p@h:1/p?q=1#f",
	"ws://[::1]:8080/echo", "ws://[::1/", "ws:///echo", "ws://:80/", "ftp://h/", "example.com/echo",
	"", "   ", "ws://h/\x7f", "::bad", "ws://h:port/", "ws://h/%zz", "ws://h?token=x", "ws:h",
	"wss://bob:s3cr%40t@h/p?token=tok%2Fen&room=lobby", "ws://h/p?", "ws://[fe80::1%25en0]/",
}

func TestNormalizeURLLightAgrees(t *testing.T) {
	for _, raw := range urlCases {
		checkNormalizeLight(t, raw)
	}
}

func checkNormalizeLight(t *testing.T, raw string) {
	t.Helper()
	want, wantErr := normalizeURL(raw)
	got, err := normalizeURLLight(raw)
	if err != nil && !errors.Is(err, ErrInvalidURL) {
		t.Errorf("normalizeURLLight(%q) error %v is not ErrInvalidURL", raw, err)
	}
	switch {
	case wantErr == nil && err == nil && got != want && canonicalURL(raw):
		t.Errorf("normalizeURLLight(%q) = %q, net/url %q", raw, got, want)
	case wantErr != nil && err == nil:
		t.Errorf("normalizeURLLight(%q) = %q, net/url fails: %v", raw, got, wantErr)
	}
}

// canonicalURL reports whether raw has only bytes net/url prints unescaped
// (it re-escapes user info its own way: such URLs are left out).
func canonicalURL(raw string) bool {
	if strings.Contains(raw, "@") {
		return false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' {
			return false
		}
	}
	return true
}

func FuzzNormalizeURLLight(f *testing.F) {
	for _, c := range urlCases {
		f.Add(c)
	}
	f.Fuzz(checkNormalizeLight)
}
