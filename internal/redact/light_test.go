//go:build !js

package redact

import (
	"slices"
	"strings"
	"testing"
)

// lightCases are URLs on which urlLight and secretsLight (browser builds) must
// agree with URL and Secrets (net/url), or be stricter.
var lightCases = []string{
	"ws://example.com/x", "wss://bob:hunter2@example.com/x", "wss://TOKEN12345@example.com:8443/x",
	"ws://h/p?token=abc&room=1", "ws://h/p?room=1&Access_Token=abc", "ws://h/p?api%5Fkey=abc",
	"ws://h/p#frag", "::bad", "ws://[::1]:80/p?key=k+v%2F", "ws://u:p%40ss@h/", "ws://h?token=",
	"wss://bob:s3cr%40t@h/p?token=tok%2Fen&room=lobby", "ws://h/p?", "WS://H/P?Q", "ws://h:80",
	"ws://h/p?a;token=x&token=y", "ws://user@h/", "ws://:pw@h/", "ws://h/%zz", "ws://h:x/",
	"ws://u:pa/ss@h/", "ws://[::1/", "http://a@b@c/", "ws://h/a b?token=c d", "ws:/h", "h/p",
	"ws://h/p?auth_token=abcdef&client_secret=b&x-api-key=cccccc", "ws://h/p?a=1;token=Xxxxxxx",
	"ws://h/p?bare-token-123&room=&x=a%2Fbcdef", "ws://longusername:pw@h/", "//h/p?x=1",
	"Authorization: Bearer SECRET", "ws://h/p?q=abc+def+ghi&r=%zz", "ws://:80/?t=abcdefg",
}

// TestLightSameOutput: on canonical dial URLs the browser build prints exactly
// what the native build prints.
func TestLightSameOutput(t *testing.T) {
	for _, c := range urlCases {
		if got := urlLight(c.in); got != c.want {
			t.Errorf("urlLight(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, raw := range lightCases {
		if u, ok := parseLight(raw); ok && u.Canonical() {
			if got, want := secretsLight(raw), Secrets(raw); !slices.Equal(got, want) {
				t.Errorf("secretsLight(%q) = %q, net/url %q", raw, got, want)
			}
		}
	}
}

func TestLightAgreesWithNetURL(t *testing.T) {
	for _, raw := range lightCases {
		checkLight(t, raw)
	}
}

func checkLight(t *testing.T, raw string) {
	t.Helper()
	want, got := URL(raw), urlLight(raw)
	if got != want && got != Mask {
		t.Errorf("urlLight(%q) = %q, net/url %q", raw, got, want)
	}
	secrets := secretsLight(raw)
	for _, s := range Secrets(raw) {
		masked := strings.ReplaceAll(Text(raw, secrets), Mask, "\uffff")
		if s != "" && !slices.Contains(secrets, s) && strings.Contains(masked, s) {
			t.Errorf("secretsLight(%q) = %q misses %q", raw, secrets, s)
		}
	}
	for _, s := range secrets {
		if s != raw && !strings.Contains(raw, s) && !slices.Contains(Secrets(raw), s) {
			t.Errorf("secretsLight(%q) = %q invents %q", raw, secrets, s)
		}
	}
}

func FuzzLightAgreesWithNetURL(f *testing.F) {
	for _, c := range lightCases {
		f.Add(c)
	}
	f.Fuzz(checkLight)
}
