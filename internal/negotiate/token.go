package negotiate

import "strconv"

// IsToken reports whether s is an RFC 7230 token: one or more tchar, that is
// ASCII letters, digits and !#$%&'*+-.^_`|~. The empty string is not a token.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
			return false
		}
	}
	return true
}

func isTchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// tokenProblem says why s is not a token, without quoting any of it (s may
// carry a credential). It returns "" when s is a token.
func tokenProblem(s string) string {
	if s == "" {
		return "is empty"
	}
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
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
