package negotiate

import (
	"strings"
	"testing"

	"github.com/tetherws/tether/subprotocol"
)

func TestIsToken(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"chat", true},
		{"chat.v1", true},
		{"graphql-transport-ws", true},
		{"mqtt", true},
		{"Chat", true},
		{"!#$%&'*+-.^_`|~", true},
		{"a0Z9", true},
		{subprotocol.BearerToken("any token"), true},
		{"", false},
		{" chat", false},
		{"chat ", false},
		{"ch at", false},
		{"chat,v1", false},
		{"chat\tv1", false},
		{"chat;v1", false},
		{"chat\x00", false},
		{"chat\x7f", false},
		{"chät", false},
		{"a=b", false},
		{`"chat"`, false},
		{"(chat)", false},
		{"a/b", false},
		{"a:b", false},
		{"[credential]", false},
	}
	for _, tt := range tests {
		if got := IsToken(tt.in); got != tt.want {
			t.Errorf("IsToken(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestIsTokenEveryByte checks each byte against the tchar set spelled out in
// RFC 7230 §3.2.6.
func TestIsTokenEveryByte(t *testing.T) {
	const tchar = "!#$%&'*+-.^_`|~0123456789" +
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for c := 0; c < 256; c++ {
		s := string([]byte{byte(c)})
		want := strings.IndexByte(tchar, byte(c)) >= 0
		if got := IsToken(s); got != want {
			t.Errorf("IsToken(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTokenProblem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"chat", ""},
		{"", "is empty"},
		{"a b", "contains a space at byte 1"},
		{"a,b", "contains a comma at byte 1"},
		{"ab\n", "contains a control character at byte 2"},
		{"é", "contains a non-ASCII byte at byte 0"},
		{"a=b", "contains the separator = at byte 1"},
	}
	for _, tt := range tests {
		if got := tokenProblem(tt.in); got != tt.want {
			t.Errorf("tokenProblem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
