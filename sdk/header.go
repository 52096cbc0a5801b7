package sdk

import (
	"errors"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/negotiate"
)

// checkHeaderFields reports a handshake header that cannot be sent, as
// net/http would refuse it: a name that is not an RFC 7230 token, or a value
// holding a control byte other than tab (CR and LF would split the header).
// The error wraps ErrInvalidOptions and quotes a valid name, never a value or
// an invalid name (either may hold a secret). When several headers are bad it
// reports the first in name order, so the message is the same every time.
func checkHeaderFields(h map[string][]string) error {
	var badName, problem string
	for name, values := range h {
		if p := headerProblem(name, values); p != "" && (problem == "" || name < badName) {
			badName, problem = name, p
		}
	}
	if problem == "" {
		return nil
	}
	return &invalidOptions{field: "Header", err: errors.New(problem)}
}

// headerProblem describes what is wrong with one header, or returns "".
func headerProblem(name string, values []string) string {
	if name == "" {
		return "a name is empty"
	}
	for i := 0; i < len(name); i++ {
		if !negotiate.IsToken(name[i : i+1]) {
			return errfmt.Sprintf("a name is not a token (byte %d)", i)
		}
	}
	for i, v := range values {
		if j := controlByte(v); j >= 0 {
			return errfmt.Sprintf("%q value %d holds a control character at byte %d", name, i, j)
		}
	}
	return ""
}

// controlByte returns the index of the first byte of v a header value may
// not hold (controls other than tab, and DEL), or -1.
func controlByte(v string) int {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return i
		}
	}
	return -1
}
