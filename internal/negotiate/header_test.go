package negotiate

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/subprotocol"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name    string
		values  []string
		want    []string
		wantErr string
	}{
		{name: "nil", values: nil, want: nil},
		{name: "empty value", values: []string{""}, want: nil},
		{name: "one", values: []string{"chat"}, want: []string{"chat"}},
		{name: "list", values: []string{"chat.v2, chat.v1"}, want: []string{"chat.v2", "chat.v1"}},
		{name: "no space", values: []string{"a,b,c"}, want: []string{"a", "b", "c"}},
		{name: "tabs and spaces", values: []string{" \ta \t,\t b  "}, want: []string{"a", "b"}},
		{name: "empty elements", values: []string{",, a ,, b,", ","}, want: []string{"a", "b"}},
		{name: "repeated headers", values: []string{"a, b", "c"}, want: []string{"a", "b", "c"}},
		{name: "duplicates kept", values: []string{"a", "a"}, want: []string{"a", "a"}},
		{name: "case kept", values: []string{"Chat, chat"}, want: []string{"Chat", "chat"}},
		{name: "inner space", values: []string{"a, b c"}, wantErr: "header value 0, element 1 contains a space at byte 1"},
		{name: "separator", values: []string{"a", "b;q=1"}, wantErr: "header value 1, element 0 contains the separator ; at byte 1"},
		{name: "newline", values: []string{"a\r\n, b"}, wantErr: "header value 0, element 0 contains a control character at byte 1"},
		{name: "non-ASCII", values: []string{"ü"}, wantErr: "header value 0, element 0 contains a non-ASCII byte at byte 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHeader(tt.values)
			if tt.wantErr != "" {
				if !errors.Is(err, wserr.ErrInvalidSubprotocolName) || !strings.HasSuffix(err.Error(), tt.wantErr) {
					t.Fatalf("ParseHeader(%q) error = %v, want wserr.ErrInvalidSubprotocolName ending %q", tt.values, err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("ParseHeader(%q) = %q with an error, want nil", tt.values, got)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("ParseHeader(%q) = %q, %v; want %q", tt.values, got, err, tt.want)
			}
		})
	}
}

func TestParseHeaderDoesNotEchoInvalidElement(t *testing.T) {
	_, err := ParseHeader([]string{"Bearer s3cret-token"})
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error = %v, want an error that does not quote the element", err)
	}
}

func TestFormatHeader(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b", "c"}, "a, b, c"},
	}
	for _, tt := range tests {
		if got := FormatHeader(tt.in); got != tt.want {
			t.Errorf("FormatHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzParseHeader checks that ParseHeader never panics, returns only tokens,
// wraps ErrInvalidName on failure, and round-trips through FormatHeader.
func FuzzParseHeader(f *testing.F) {
	seeds := [][2]string{
		{"", ""}, {"chat", ""}, {"chat.v2, chat.v1", "mqtt"}, {" ,\t,a ,", ","},
		{"a b", ""}, {"a;b", "c"}, {"\x00,\xff", ""}, {subprotocol.BearerToken("t"), "x"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		got, err := ParseHeader([]string{a, b})
		if err != nil {
			if !errors.Is(err, wserr.ErrInvalidSubprotocolName) || got != nil {
				t.Fatalf("ParseHeader(%q, %q) = %q, %v", a, b, got, err)
			}
			return
		}
		for _, name := range got {
			if !IsToken(name) {
				t.Fatalf("ParseHeader(%q, %q) returned non-token %q", a, b, name)
			}
		}
		again, err := ParseHeader([]string{FormatHeader(got)})
		if err != nil || !slices.Equal(again, got) {
			t.Fatalf("round trip of %q gave %q, %v", got, again, err)
		}
	})
}
