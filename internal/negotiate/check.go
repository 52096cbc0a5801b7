package negotiate

import (
	"strings"

	"github.com/tetherws/tether/subprotocol"
)

const (
	reasonMultiple   = "server selected more than one protocol"
	reasonCredential = "server selected a credential entry"
	reasonNotOffered = "server selected a protocol that was not offered"
	reasonNone       = "server selected no protocol but one is required"
)

// Limits on what a MismatchError keeps: a server's answer may hold any number
// of values of any length.
const (
	maxSelectedKept = 16  // values of the server's answer kept in Selected
	maxValueKept    = 256 // bytes kept of each of them
)

// Check validates the server's answer against the offer and returns the
// selected protocol. selected holds every value the server sent, already split
// (see [ParseHeader]; a browser's WebSocket.protocol is one value, or none when
// it is ""); empty strings are ignored. The rules, in order:
//
//   - more than one value: mismatch;
//   - one value that is a credential entry (in Credentials, or [IsCredential]): mismatch;
//   - one value that is not one of Protocols (compared case-sensitively): mismatch;
//   - no value and required: mismatch;
//   - no value and not required: "", nil.
//
// A mismatch is a [*subprotocol.MismatchError] whose lists are redacted.
func (o Offer) Check(selected []string, required bool) (string, error) {
	selected = dropEmpty(selected)
	switch {
	case len(selected) > 1:
		return "", o.mismatch(selected, required, reasonMultiple)
	case len(selected) == 1 && o.isCredential(selected[0]):
		return "", o.mismatch(selected, required, reasonCredential)
	case len(selected) == 1 && !o.offers(selected[0]):
		return "", o.mismatch(selected, required, reasonNotOffered)
	case len(selected) == 1:
		return selected[0], nil
	case required:
		return "", o.mismatch(nil, required, reasonNone)
	}
	return "", nil
}

func dropEmpty(names []string) []string {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// mismatch builds the error, keeping a bounded part of what the server sent
// (see subprotocol.MismatchError.Selected).
func (o Offer) mismatch(selected []string, required bool, reason string) *subprotocol.MismatchError {
	kept := selected[:min(len(selected), maxSelectedKept)]
	e := &subprotocol.MismatchError{
		Offered:  o.Redacted(),
		Selected: o.redact(kept),
		Omitted:  len(selected) - len(kept),
		Reason:   reason,
	}
	for i, v := range e.Selected {
		if cut, rest := cutValue(v, maxValueKept); rest {
			e.Selected[i] = cut + "…"
		}
	}
	return e
}

// redact returns a copy of names in which every name that is, or looks like
// (ignoring case), a credential is replaced by "[credential]".
func (o Offer) redact(names []string) []string {
	var out []string
	for _, n := range names {
		if o.looksLikeCredential(n) {
			n = redactedCredential
		}
		out = append(out, n)
	}
	return out
}

func (o Offer) looksLikeCredential(name string) bool {
	if IsCredential(name) {
		return true
	}
	for _, c := range o.Credentials {
		if strings.EqualFold(c, name) {
			return true
		}
	}
	return false
}

// cutValue returns the first max bytes of s and whether anything was cut.
func cutValue(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	return s[:max], true
}
