package redact

import (
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ws://example.com/x", "ws://example.com/x"},
		{"wss://bob:hunter2@example.com/x", "wss://REDACTED@example.com/x"},
		{"wss://TOKEN123@example.com/x", "wss://REDACTED@example.com/x"},
		{"ws://h/p?token=abc&room=1", "ws://h/p?token=REDACTED&room=1"},
		{"ws://h/p?room=1&Access_Token=abc", "ws://h/p?room=1&Access_Token=REDACTED"},
		{"ws://h/p?api%5Fkey=abc", "ws://h/p?api%5Fkey=REDACTED"},
		{"ws://h/p#frag", "ws://h/p"},
		{"::bad", Mask},
	}
	for _, c := range cases {
		if got := URL(c.in); got != c.want {
			t.Errorf("URL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSecretsAndText(t *testing.T) {
	raw := "wss://bob:s3cr%40t@h/p?token=tok%2Fen&room=lobby"
	secrets := Secrets(raw)
	msg := `Get "https://bob:s3cr@t@h/p?token=tok%2Fen&room=lobby": refused (tok/en)`
	got := Text(msg, secrets)
	for _, leak := range []string{"s3cr@t", "tok/en", "tok%2Fen"} {
		if strings.Contains(got, leak) {
			t.Errorf("Text left %q in %q", leak, got)
		}
	}
	if !strings.Contains(got, "room=lobby") {
		t.Errorf("Text removed a non-secret: %q", got)
	}
}
