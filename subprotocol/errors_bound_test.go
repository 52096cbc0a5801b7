package subprotocol

import (
	"strconv"
	"strings"
	"testing"
)

// TestMismatchErrorMessageBounded: the message quotes at most maxListed
// values of at most maxValueShown bytes each, and counts the rest, Omitted
// included.
func TestMismatchErrorMessageBounded(t *testing.T) {
	kept := make([]string, 16)
	for i := range kept {
		kept[i] = "p" + strconv.Itoa(i)
	}
	e := &MismatchError{Offered: []string{"a", "b"}, Selected: kept, Omitted: 9984,
		Reason: "server selected more than one protocol"}
	want := "tether: subprotocol mismatch: server selected more than one protocol (offered: a, b; selected: p0, p1, p2, p3, … (9996 more))"
	if got := e.Error(); got != want {
		t.Fatalf("Error() =\n%s\nwant\n%s", got, want)
	}
	long := &MismatchError{Selected: []string{strings.Repeat("y", 100)}, Reason: "server selected a protocol that was not offered"}
	if got := long.Error(); !strings.Contains(got, "selected: "+strings.Repeat("y", maxValueShown)+"…)") {
		t.Fatalf("a long value is not cut: %s", got)
	}
	quoted := &MismatchError{Selected: []string{strings.Repeat("y", 39) + " z"}}
	if got := quoted.Error(); !strings.Contains(got, `selected: "`+strings.Repeat("y", 39)+` "…)`) {
		t.Fatalf("a long non-token value is not cut and quoted: %s", got)
	}
}
