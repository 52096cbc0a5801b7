package negotiate

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tetherws/tether/subprotocol"
)

// maxErrorLen bounds a MismatchError message whatever the server sent.
const maxErrorLen = 600

// maxListed is how many values of a list a MismatchError message quotes.
const maxListed = 4

// TestMismatchErrorBounded: a server answer with 10,000 values, or one huge
// value, gives a short message and a bounded MismatchError.
func TestMismatchErrorBounded(t *testing.T) {
	many := make([]string, 10000)
	for i := range many {
		many[i] = "proto" + strconv.Itoa(i)
	}
	huge := strings.Repeat("x", 1<<20)
	offer := Offer{Protocols: []string{"chat.v1"}, Credentials: []string{subprotocol.BearerToken("secret")}}
	for name, selected := range map[string][]string{"many": many, "huge": {huge}, "huge twice": {huge, huge + "y"}} {
		t.Run(name, func(t *testing.T) {
			_, err := offer.Check(selected, false)
			me, ok := err.(*subprotocol.MismatchError)
			if !ok {
				t.Fatalf("Check = %v, want a *MismatchError", err)
			}
			if msg := err.Error(); len(msg) > maxErrorLen {
				t.Fatalf("message is %d bytes, want at most %d: %.200s…", len(msg), maxErrorLen, msg)
			}
			kept := 0
			for _, s := range me.Selected {
				kept += len(s)
			}
			if len(me.Selected) > maxSelectedKept || kept > maxSelectedKept*(maxValueKept+len("…")) {
				t.Fatalf("MismatchError keeps %d values, %d bytes", len(me.Selected), kept)
			}
			if me.Omitted != len(selected)-len(me.Selected) {
				t.Fatalf("Omitted = %d, want %d", me.Omitted, len(selected)-len(me.Selected))
			}
		})
	}
}

// TestMismatchErrorCountsOmitted: the message says how many values Check
// left out.
func TestMismatchErrorCountsOmitted(t *testing.T) {
	many := make([]string, 10000)
	for i := range many {
		many[i] = "p" + strconv.Itoa(i)
	}
	_, err := Offer{Protocols: []string{"a", "b"}}.Check(many, false)
	want := "tether: subprotocol mismatch: server selected more than one protocol (offered: a, b; selected: p0, p1, p2, p3, … (9996 more))"
	if err == nil || err.Error() != want {
		t.Fatalf("Error() =\n%v\nwant\n%s", err, want)
	}
}
