package subprotocol

import (
	"errors"
	"testing"

	"github.com/tetherws/tether/internal/wserr"
)

func TestMismatchErrorMessage(t *testing.T) {
	tests := []struct {
		err  *MismatchError
		want string
	}{
		{&MismatchError{}, "tether: subprotocol mismatch: server answer rejected (offered: none; selected: none)"},
		{
			&MismatchError{Offered: []string{"a", "[credential]"}, Selected: []string{"b"}, Reason: "server selected a protocol that was not offered"},
			"tether: subprotocol mismatch: server selected a protocol that was not offered (offered: a, [credential]; selected: b)",
		},
		{
			&MismatchError{Offered: []string{"a"}, Selected: []string{"a b\n"}, Reason: "server selected a protocol that was not offered"},
			`tether: subprotocol mismatch: server selected a protocol that was not offered (offered: a; selected: "a b\n")`,
		},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
		}
	}
}

func TestMismatchErrorIs(t *testing.T) {
	var err error = &MismatchError{}
	if !errors.Is(err, wserr.ErrSubprotocolMismatch) {
		t.Error("errors.Is(err, wserr.ErrSubprotocolMismatch) = false")
	}
	if errors.Is(err, wserr.ErrInvalidSubprotocolName) {
		t.Error("errors.Is(err, wserr.ErrInvalidSubprotocolName) = true")
	}
}
