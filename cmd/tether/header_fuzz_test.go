//go:build !js

package main

import (
	"net/http"
	"strings"
	"testing"
)

// FuzzAddHeader checks the -H parser: it never panics, an error never repeats
// the value (it may be a secret), and an accepted header keeps its value
// exactly, trimmed.
func FuzzAddHeader(f *testing.F) {
	for _, s := range []string{"Authorization: Bearer SECRET-1", "Authorization Bearer SECRET-1",
		"X-Api-Key: k\r\nX: SECRET-1", "Host: example.com", "Sec-WebSocket-Key: SECRET-1", ": SECRET-1", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		c := &connectConfig{header: http.Header{}}
		err := c.addHeader("-H/--header", h)
		_, value, _ := strings.Cut(h, ":")
		value = strings.TrimSpace(value)
		if err != nil {
			if len(value) >= 4 && strings.Contains(err.Error(), value) {
				t.Fatalf("error %q repeats the value %q", err, value)
			}
			return
		}
		name := http.CanonicalHeaderKey(strings.TrimSpace(strings.Split(h, ":")[0]))
		if name == "Host" {
			if c.host != value {
				t.Fatalf("-H %q set Host %q, want %q", h, c.host, value)
			}
			return
		}
		if got := c.header.Values(name); len(got) != 1 || got[0] != value {
			t.Fatalf("header %q stored as %q, want [%q]", h, got, value)
		}
	})
}
