package sdk

import (
	"errors"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/negotiate"
)

// FuzzCheckHeaderFields checks that checkHeaderFields accepts exactly the
// headers whose names are tokens and whose values hold no control byte but
// tab, and that its error never quotes a value or an invalid name.
func FuzzCheckHeaderFields(f *testing.F) {
	f.Add("X-Token", "abc", "Authorization", "Bearer s3cr3t")
	f.Add("X Token", "v", "", "")
	f.Add("X-Token", "s3cr3t\r\nX-Injected: 1", "Y", "\t")
	f.Add("X-A", "\xe2\x9c\x93", "X-B", "\x7f")
	f.Fuzz(func(t *testing.T, name1, value1, name2, value2 string) {
		h := map[string][]string{name1: {value1}}
		h[name2] = append(h[name2], value2)
		err := checkHeaderFields(h)
		valid := true
		for name, values := range h {
			valid = valid && negotiate.IsToken(name)
			for _, v := range values {
				valid = valid && controlByte(v) < 0
			}
		}
		if (err == nil) != valid {
			t.Fatalf("checkHeaderFields(%q) = %v, want valid %v", h, err, valid)
		}
		if err == nil {
			return
		}
		if !errors.Is(err, ErrInvalidOptions) || !strings.HasPrefix(err.Error(), "tether: invalid options: Header: ") {
			t.Fatalf("error %v is not a tether: ErrInvalidOptions about Header", err)
		}
		for name, values := range h {
			for _, s := range append([]string{name}, values...) {
				if secretLike(s) && !inValidName(h, s) && strings.Contains(err.Error(), s) {
					t.Fatalf("error quotes %q: %v", s, err)
				}
			}
		}
	})
}

// inValidName reports whether s is part of a valid header name of h: valid
// names may be quoted.
func inValidName(h map[string][]string, s string) bool {
	for name := range h {
		if negotiate.IsToken(name) && strings.Contains(name, s) {
			return true
		}
	}
	return false
}
