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

// Limits on what a MismatchError keeps and quotes: a server's answer may
// hold any number of values of any length.
const (
	maxSelectedKept = 16  // values of the server's answer kept in Selected
	maxValueKept    = 256 // bytes kept of each of them
	maxListed       = 4   // values of a list the message quotes
	maxValueShown   = 40  // bytes the message quotes of each
)

// MismatchError reports a server answer that [Offer.Check] rejected. Its lists
// are redacted: a credential entry shows as "[credential]". The zero value
// describes a mismatch with nothing offered, nothing selected and no reason.
type MismatchError struct {
	// Offered is the redacted offer, in wire order. Nil: nothing was offered.
	Offered []string
	// Selected holds the values the server sent, redacted: from Check, at
	// most the first 16, each cut to 256 bytes followed by "…" when longer
	// (the message counts the values left out). Nil: none.
	Selected []string
	// Required is true when the client required a protocol to be selected.
	Required bool
	// Reason says what was wrong, e.g. "server selected a protocol that was
	// not offered".
	Reason string

	omitted int // values of the server's answer left out of Selected
}

// Error returns "tether: subprotocol mismatch: " followed by the reason, the
// offer and the selection. Each list shows at most 4 values of at most 40
// bytes (a longer one is cut and followed by "…"), then "… (N more)", so the
// message stays short whatever the server sent.
func (e *MismatchError) Error() string {
	var b strings.Builder
	b.WriteString(ErrMismatch.Error())
	b.WriteString(": ")
	if e.Reason == "" {
		b.WriteString("server answer rejected")
	} else {
		b.WriteString(e.Reason)
	}
	b.WriteString(" (offered: " + listOrNone(e.Offered, 0))
	b.WriteString("; selected: " + listOrNone(e.Selected, e.omitted) + ")")
	return b.String()
}

// listOrNone shows names, at most maxListed of them, and counts the rest
// plus omitted.
func listOrNone(names []string, omitted int) string {
	if len(names)+omitted == 0 {
		return "none"
	}
	shownNames := names[:min(len(names), maxListed)]
	quoted := make([]string, len(shownNames), len(shownNames)+1)
	for i, n := range shownNames {
		quoted[i] = showValue(n)
	}
	if more := len(names) - len(shownNames) + omitted; more > 0 {
		quoted = append(quoted, "… ("+strconv.Itoa(more)+" more)")
	}
	return FormatHeader(quoted)
}

// showValue quotes a value for a message, cut to maxValueShown bytes: a
// server's value may hold anything, a credential entry is already redacted.
func showValue(n string) string {
	if n == redactedCredential {
		return n
	}
	cut, rest := cutValue(n, maxValueShown)
	if !IsToken(cut) {
		cut = strconv.Quote(cut)
	}
	if rest {
		cut += "…"
	}
	return cut
}

// cutValue returns the first max bytes of s and whether anything was cut.
func cutValue(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	return s[:max], true
}

// Is reports whether target is [ErrMismatch].
func (e *MismatchError) Is(target error) bool { return target == ErrMismatch }

// Retryable returns false: the same offer to the same server gets the same
// answer. The reconnect policy reads this method.
func (e *MismatchError) Retryable() bool { return false }
