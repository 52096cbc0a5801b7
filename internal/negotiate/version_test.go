package negotiate

import (
	"slices"
	"strings"
	"testing"

	"github.com/tetherws/tether/subprotocol"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		name    string
		family  string
		version int
		ok      bool
	}{
		{"chat.v3", "chat", 3, true},
		{"chat.v0", "chat", 0, true},
		{"chat.v10", "chat", 10, true},
		{"my.chat.v2", "my.chat", 2, true},
		{"chat.video.v2", "chat.video", 2, true},
		{"x.v1.v2", "x.v1", 2, true},
		{"Chat.v1", "Chat", 1, true},
		{"chat", "", 0, false},
		{"chat.v", "", 0, false},
		{"chat.V1", "", 0, false},
		{"chat.v-1", "", 0, false},
		{"chat.v+1", "", 0, false},
		{"chat.v01", "", 0, false},
		{"chat.v1a", "", 0, false},
		{"chat.v1.0", "", 0, false},
		{"chatv1", "", 0, false},
		{".v1", "", 0, false},
		{"my chat.v1", "", 0, false},
		{"chat.v99999999999999999999999", "", 0, false},
		{"", "", 0, false},
	}
	for _, tt := range tests {
		f, v, ok := ParseVersion(tt.name)
		if f != tt.family || v != tt.version || ok != tt.ok {
			t.Errorf("ParseVersion(%q) = %q, %d, %v; want %q, %d, %v", tt.name, f, v, ok, tt.family, tt.version, tt.ok)
		}
	}
}

func TestFamily(t *testing.T) {
	tests := []struct {
		name     string
		versions []int
		want     []string
	}{
		{"chat", []int{3, 2, 1}, []string{"chat.v3", "chat.v2", "chat.v1"}},
		{"chat", []int{1, 2}, []string{"chat.v1", "chat.v2"}},
		{"chat", []int{0}, []string{"chat.v0"}},
		{"chat", []int{2, -1, 1}, []string{"chat.v2", "chat.v1"}},
		{"chat", nil, nil},
	}
	for _, tt := range tests {
		got := Family(tt.name, tt.versions...)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Family(%q, %v) = %q, want %q", tt.name, tt.versions, got, tt.want)
		}
		for _, name := range got {
			if f, _, ok := ParseVersion(name); !ok || f != tt.name {
				t.Errorf("ParseVersion(%q) = %q, %v; want the family back", name, f, ok)
			}
		}
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b    string
		want    int
		wantErr string
	}{
		{a: "chat.v1", b: "chat.v2", want: -1},
		{a: "chat.v2", b: "chat.v1", want: 1},
		{a: "chat.v2", b: "chat.v2", want: 0},
		{a: "chat.v9", b: "chat.v10", want: -1},
		{a: "chat.v1", b: "talk.v1", wantErr: `"chat.v1" and "talk.v1" are in different families`},
		{a: "chat.v1", b: "Chat.v1", wantErr: "different families"},
		{a: "chat", b: "chat.v1", wantErr: `"chat" has no .vN version suffix`},
		{a: "chat.v1", b: "chat.v01", wantErr: `"chat.v01" has no .vN version suffix`},
		{a: subprotocol.BearerToken("s3cret"), b: "chat.v1", wantErr: "[credential] has no .vN version suffix"},
	}
	for _, tt := range tests {
		got, err := CompareVersions(tt.a, tt.b)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("CompareVersions(%q, %q) error = %v, want %q", tt.a, tt.b, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("CompareVersions(%q, %q) = %d, %v; want %d", tt.a, tt.b, got, err, tt.want)
		}
	}
}
