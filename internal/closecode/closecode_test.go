package closecode

import (
	"errors"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/wserr"
)

func TestName(t *testing.T) {
	for code, want := range map[int]string{
		1000: "normal closure", 1013: "try again later", 1015: "TLS handshake",
		3000: "registered", 4999: "application", 1004: "unknown", 5000: "unknown",
	} {
		if got := Name(code); got != want {
			t.Errorf("Name(%d) = %q, want %q", code, got, want)
		}
	}
}

func TestSendable(t *testing.T) {
	for code, want := range map[int]bool{
		999: false, 1000: true, 1003: true, 1004: false, 1005: false, 1006: false,
		1007: true, 1014: true, 1015: false, 2999: false, 3000: true, 4999: true, 5000: false,
	} {
		if got := Sendable(code); got != want {
			t.Errorf("Sendable(%d) = %v, want %v", code, got, want)
		}
	}
}

func TestForBrowser(t *testing.T) {
	for code, want := range map[int]int{
		1000: 1000, 1001: 1000, 1011: 1000, 3000: 3000, 4321: 4321, 4999: 4999,
	} {
		if got := ForBrowser(code); got != want {
			t.Errorf("ForBrowser(%d) = %d, want %d", code, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		code   int
		reason string
		want   error  // nil: accepted
		msg    string // the error's message, when want is not nil
	}{
		{1000, "", nil, ""},
		{4999, strings.Repeat("x", MaxReasonBytes), nil, ""},
		{1005, "", wserr.ErrInvalidArgument, "tether: invalid argument: close code 1005"},
		{1000, strings.Repeat("x", MaxReasonBytes+1), wserr.ErrInvalidArgument, "tether: invalid argument: close reason of 124 bytes, over 123"},
		{1000, "\xff", wserr.ErrInvalidUTF8, wserr.ErrInvalidUTF8.Error()},
	} {
		err := Check(tc.code, tc.reason)
		if tc.want == nil {
			if err != nil {
				t.Errorf("Check(%d, %d bytes) = %v, want nil", tc.code, len(tc.reason), err)
			}
			continue
		}
		if !errors.Is(err, tc.want) || err.Error() != tc.msg {
			t.Errorf("Check(%d, %d bytes) = %v, want %q (%v)", tc.code, len(tc.reason), err, tc.msg, tc.want)
		}
	}
}
