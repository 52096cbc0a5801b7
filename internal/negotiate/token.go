package negotiate

import (
	"strconv"

	"github.com/tetherws/tether/internal/grammar"
)

// IsToken reports whether s is an RFC 7230 token (see internal/grammar).
func IsToken(s string) bool { return grammar.IsToken(s) }

// tokenProblem says why s is not a token, without quoting any of it (s may
// carry a credential). It returns "" when s is a token.
func tokenProblem(s string) string {
	if s == "" {
		return "is empty"
	}
	for i := 0; i < len(s); i++ {
		if !grammar.IsTchar(s[i]) {
			return "contains " + describeByte(s[i]) + " at byte " + strconv.Itoa(i)
		}
	}
	return ""
}

func describeByte(c byte) string {
	switch {
	case c == ' ':
		return "a space"
	case c == ',':
		return "a comma"
	case c < 0x20 || c == 0x7f:
		return "a control character"
	case c >= 0x80:
		return "a non-ASCII byte"
	}
	return "the separator " + string(rune(c))
}
