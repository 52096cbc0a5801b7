package subprotocol

import (
	"errors"
	"strconv"
	"strings"
)

var (
	// ErrInvalidName reports a name that is not an RFC 7230 token, or a
	// duplicate entry in an offer. Errors from [Offer.Validate], [ParseHeader]
	// and [Registry.Register] wrap it.
	ErrInvalidName = errors.New("tether: invalid subprotocol name")
	// ErrMismatch reports a server answer the offer does not allow;
	// errors.Is(err, ErrMismatch) is true for every [*MismatchError].
	ErrMismatch = errors.New("tether: subprotocol mismatch")
)

// MismatchError reports a server answer that [Offer.Check] rejected. Its lists
// are redacted: a credential entry shows as "[credential]". The zero value
// describes a mismatch with nothing offered, nothing selected and no reason.
type MismatchError struct {
	// Offered is the redacted offer, in wire order. Nil: nothing was offered.
	Offered []string
	// Selected is every value the server sent, redacted. Nil: none.
	Selected []string
	// Required is true when the client required a protocol to be selected.
	Required bool
	// Reason says what was wrong, e.g. "server selected a protocol that was
	// not offered".
	Reason string
}

// Error returns "tether: subprotocol mismatch: " followed by the reason, the
// offer and the selection.
func (e *MismatchError) Error() string {
	var b strings.Builder
	b.WriteString(ErrMismatch.Error())
	b.WriteString(": ")
	if e.Reason == "" {
		b.WriteString("server answer rejected")
	} else {
		b.WriteString(e.Reason)
	}
	b.WriteString(" (offered: " + listOrNone(e.Offered))
	b.WriteString("; selected: " + listOrNone(e.Selected) + ")")
	return b.String()
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = n
		if !IsToken(n) && n != redactedCredential {
			quoted[i] = strconv.Quote(n) // a server's value may hold anything
		}
	}
	return FormatHeader(quoted)
}

// Is reports whether target is [ErrMismatch].
func (e *MismatchError) Is(target error) bool { return target == ErrMismatch }

// Retryable returns false: the same offer to the same server gets the same
// answer. The reconnect policy reads this method.
func (e *MismatchError) Retryable() bool { return false }
