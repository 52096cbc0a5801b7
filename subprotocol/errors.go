package subprotocol

import (
	"strconv"
	"strings"

	"github.com/tetherws/tether/internal/grammar"
	"github.com/tetherws/tether/internal/wserr"
)

// Limits on what a MismatchError message quotes: a server's answer may hold
// any number of values of any length.
const (
	maxListed     = 4  // values of a list the message quotes
	maxValueShown = 40 // bytes the message quotes of each
)

// redactedCredential replaces a credential entry in a MismatchError's lists.
const redactedCredential = "[credential]"

// MismatchError reports a server answer that the client rejected: more than
// one value, a value that was not offered, a credential entry, or no value
// when a protocol is required. Its lists are redacted: a credential entry
// shows as "[credential]". The zero value describes a mismatch with nothing
// offered, nothing selected and no reason.
type MismatchError struct {
	// Offered is the redacted offer, in wire order. Nil: nothing was offered.
	Offered []string
	// Selected holds the values the server sent, redacted: at most the
	// first 16, each cut to 256 bytes followed by "…" when longer. Nil: none.
	Selected []string
	// Omitted counts the values the server sent beyond those in Selected;
	// the message counts them too. Zero: none left out.
	Omitted int
	// Reason says what was wrong: "server selected more than one protocol",
	// "server selected a credential entry", "server selected a protocol that
	// was not offered" or "server selected no protocol but one is required"
	// (Options.RequireSubprotocol). Empty: the message says "server answer
	// rejected".
	Reason string
}

// Error returns "tether: subprotocol mismatch: " followed by the reason, the
// offer and the selection. Each list shows at most 4 values of at most 40
// bytes (a longer one is cut and followed by "…"), then "… (N more)", so the
// message stays short whatever the server sent.
func (e *MismatchError) Error() string {
	var b strings.Builder
	b.WriteString(wserr.ErrSubprotocolMismatch.Error())
	b.WriteString(": ")
	if e.Reason == "" {
		b.WriteString("server answer rejected")
	} else {
		b.WriteString(e.Reason)
	}
	b.WriteString(" (offered: " + listOrNone(e.Offered, 0))
	b.WriteString("; selected: " + listOrNone(e.Selected, e.Omitted) + ")")
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
	return strings.Join(quoted, ", ")
}

// showValue quotes a value for a message, cut to maxValueShown bytes: a
// server's value may hold anything, a credential entry is already redacted.
func showValue(n string) string {
	if n == redactedCredential {
		return n
	}
	cut := n[:min(len(n), maxValueShown)]
	shown := cut
	if !grammar.IsToken(cut) {
		shown = strconv.Quote(cut)
	}
	if len(cut) < len(n) {
		shown += "…"
	}
	return shown
}

// Is reports whether target is sdk.ErrSubprotocolMismatch: every
// MismatchError satisfies errors.Is(err, sdk.ErrSubprotocolMismatch).
func (e *MismatchError) Is(target error) bool { return target == wserr.ErrSubprotocolMismatch }
