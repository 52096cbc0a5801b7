package redact

import (
	"slices"
	"strings"
	"testing"
)

// urlCases pin the rule: user info whole, every query value (names kept,
// split on & and ;), bare entries, no fragment; non-URLs masked whole.
var urlCases = []struct{ in, want string }{
	{"ws://example.com/x", "ws://example.com/x"},
	{"wss://bob:hunter2@example.com/x", "wss://REDACTED@example.com/x"},
	{"wss://TOKEN123@example.com/x", "wss://REDACTED@example.com/x"},
	{"ws://h/p?token=abc&room=1", "ws://h/p?token=REDACTED&room=REDACTED"},
	{"ws://h/p?auth_token=a&client_secret=b&x-api-key=c&api_key=d",
		"ws://h/p?auth_token=REDACTED&client_secret=REDACTED&x-api-key=REDACTED&api_key=REDACTED"},
	{"ws://h/p?a=1;token=X", "ws://h/p?a=REDACTED;token=REDACTED"},
	{"ws://h/p?api%5Fkey=abc", "ws://h/p?api%5Fkey=REDACTED"},
	{"ws://h/p?eyJhbGciOi&room=", "ws://h/p?REDACTED&room="},
	{"ws://h/p?a=1&&b=x=y", "ws://h/p?a=REDACTED&&b=REDACTED"},
	{"ws://h/p?", "ws://h/p?"},
	{"ws://h/p#frag", "ws://h/p"},
	{"ws://h/p?q=1#frag", "ws://h/p?q=REDACTED"},
	{"::bad", Mask},
	{"example.com/p?token=abc", Mask},
	{"Authorization: Bearer SECRET", Mask},
	{"//h/p?x=1", Mask},
}

func TestURL(t *testing.T) {
	for _, c := range urlCases {
		if got := URL(c.in); got != c.want {
			t.Errorf("URL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSecretsAndText(t *testing.T) {
	raw := "wss://bob:s3cr%40t@h/p?token=tok%2Fen&room=lobby-42&x-api-key=k3y-123;a=1"
	secrets := Secrets(raw)
	msg := `Get "https://bob:s3cr@t@h/p?token=tok%2Fen&room=lobby-42": refused (tok/en, k3y-123) after 1 try`
	got := Text(msg, secrets)
	for _, leak := range []string{"s3cr@t", "tok/en", "tok%2Fen", "lobby-42", "k3y-123"} {
		if strings.Contains(got, leak) {
			t.Errorf("Text left %q in %q", leak, got)
		}
	}
	if !strings.Contains(got, "after 1 try") || !strings.Contains(got, "room=") {
		t.Errorf("Text removed a short value or a name: %q", got)
	}
}

// Every value at least MinSecretLen bytes long is a secret, whatever its
// parameter's name; shorter ones are not (they would garble text).
func TestSecretsEveryLongValue(t *testing.T) {
	s := Secrets("ws://h/p?auth_token=aaaaaa&client_secret=bbbbbbb&q=12345&lang=en;sig=cccccc&dddddddd")
	for _, want := range []string{"aaaaaa", "bbbbbbb", "cccccc", "dddddddd"} {
		if !slices.Contains(s, want) {
			t.Errorf("Secrets lacks %q: %q", want, s)
		}
	}
	for _, short := range []string{"12345", "en"} {
		if slices.Contains(s, short) {
			t.Errorf("Secrets lists the short value %q: %q", short, s)
		}
	}
}

// Secrets come longest first, so one containing another is replaced whole.
func TestSecretsLongestFirst(t *testing.T) {
	raw := "ws://h/?a=abcdef&b=abcdefghij"
	s := Secrets(raw)
	if !slices.IsSortedFunc(s, func(a, b string) int { return len(b) - len(a) }) {
		t.Fatalf("Secrets(%q) = %q, not longest first", raw, s)
	}
	if got := Text("abcdefghij", s); got != Mask {
		t.Errorf("Text = %q, want %q", got, Mask)
	}
}

// A string that is not a URL with a host is a secret whole.
func TestSecretsOfNonURL(t *testing.T) {
	for _, raw := range []string{"::bad", "Authorization: Bearer SECRET"} {
		if s := Secrets(raw); !slices.Equal(s, []string{raw}) {
			t.Errorf("Secrets(%q) = %q, want the whole string", raw, s)
		}
	}
}
