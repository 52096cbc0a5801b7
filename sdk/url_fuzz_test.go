package sdk

import (
	"errors"
	"strings"
	"testing"
)

// TestDialURLWithoutSchemeNeverLeaksUser: a URL whose scheme was left out
// ("user:password@host") is not mistaken for one with the scheme "user" and
// quoted in the error.
func TestDialURLWithoutSchemeNeverLeaksUser(t *testing.T) {
	for _, raw := range []string{"alice:hunter2@example.com/", "alice:hunter2@[::1]/", "alice:@h"} {
		_, err := normalizeURL(raw)
		if !errors.Is(err, ErrInvalidURL) || strings.Contains(err.Error(), "alice") || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("normalizeURL(%q) = %v: want ErrInvalidURL without the user info", raw, err)
		}
	}
	_, err := normalizeURL("ftp://h/")
	if err == nil || !strings.Contains(err.Error(), `scheme "ftp"`) {
		t.Errorf("normalizeURL(ftp://h/) = %v: want the scheme named", err)
	}
	_, err = normalizeURL(strings.Repeat("s", 1000) + "://h/")
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("a 1000-byte scheme gives a %d-byte error", len(err.Error()))
	}
}

// FuzzNormalizeURL checks, for URLs with and without a scheme around user
// info, that normalizeURL never panics, fails only with ErrInvalidURL and
// never with the user or password in the message, and that what it returns
// is a ws or wss URL without fragment that normalizes to itself.
func FuzzNormalizeURL(f *testing.F) {
	f.Add("ws://", "alice", "hunter2", "h/p?q=1#f")
	f.Add("", "alice", "hunter2", "example.com/")
	f.Add("", "alice1", "hunter2", "example.com/")
	f.Add("HTTPS://", "u", "p", "[::1]:80/")
	f.Add("ftp://", "bob1", "pw", "h")
	f.Add("", "x", "", "@")
	f.Fuzz(func(t *testing.T, scheme, user, pass, rest string) {
		raw := scheme + user + ":" + pass + "@" + rest
		out, err := normalizeURL(raw)
		if err != nil {
			checkURLError(t, raw, err, scheme, user, pass)
			return
		}
		if !strings.HasPrefix(out, "ws://") && !strings.HasPrefix(out, "wss://") || strings.Contains(out, "#") {
			t.Fatalf("normalizeURL(%q) = %q: want a ws or wss URL without fragment", raw, out)
		}
		if again, err := normalizeURL(out); err != nil || again != out {
			t.Fatalf("normalizeURL(%q) = %q, %v; want it unchanged", out, again, err)
		}
	})
}

// checkURLError checks one failure of normalizeURL(raw).
func checkURLError(t *testing.T, raw string, err error, scheme, user, pass string) {
	t.Helper()
	msg := err.Error()
	if !errors.Is(err, ErrInvalidURL) || !strings.HasPrefix(msg, "tether: invalid URL") {
		t.Fatalf("normalizeURL(%q) error %v is not ErrInvalidURL", raw, err)
	}
	userIsScheme := scheme == "" && strings.HasPrefix(pass, "//") // "user://…": then user is the scheme
	for _, secret := range []string{user, pass} {
		if secret == user && userIsScheme {
			continue
		}
		if secretLike(secret) && strings.Contains(msg, secret) {
			t.Fatalf("normalizeURL(%q) error quotes user info %q: %s", raw, secret, msg)
		}
	}
}

// secretLike reports whether s is long and odd enough that finding it in an
// error cannot be chance: at least 6 letters and digits, with both.
func secretLike(s string) bool {
	letters, digits := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letters++
		case '0' <= c && c <= '9':
			digits++
		default:
			return false
		}
	}
	return letters > 0 && digits > 0 && len(s) >= 6
}
