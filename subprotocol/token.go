package subprotocol

// isToken reports whether s is an RFC 7230 token: one or more tchar, that is
// ASCII letters, digits and !#$%&'*+-.^_`|~. It decides which values a
// MismatchError message quotes. The grammar's home is internal/negotiate
// (IsToken), which imports this package; a test there checks both agree.
func isToken(s string) bool {
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
