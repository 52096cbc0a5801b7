//go:build !tether_vet

// The tests exercise errfmt's own printer, which the tether_vet build
// replaces with fmt; some calls are deliberately malformed.

package errfmt

import (
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"time"
)

type named int

func (n named) String() string { return "named" }

// TestMatchesFmt: every supported verb and operand formats as fmt does.
func TestMatchesFmt(t *testing.T) {
	cases := []struct {
		format string
		args   []any
	}{
		{"plain", nil},
		{"100%% sure", nil},
		{"%s and %s", []any{"a", []byte("b")}},
		{"%q", []any{"quote\"d\n"}},
		{"%d %d %d %d %d", []any{1, int64(-2), int32(3), uint16(4), uint64(5)}},
		{"%d %d %d %d %d", []any{int8(-6), int16(7), uint(8), uint8(9), uint32(10)}},
		{"%v %v", []any{1.5, float32(0.25)}},
		{"%v %v", []any{1e21, 3.0}},
		{"%v %s", []any{time.Second, named(1)}},
		{"%v|%s", []any{io.EOF, io.EOF}},
		{"%v %v", []any{true, false}},
		{"op: %v", []any{errors.New("boom")}},
		{"trailing %", nil},
		{"%v %s %d", []any{nil, nil, nil}},
	}
	for _, c := range cases {
		if got, want := Sprintf(c.format, c.args...), fmt.Sprintf(c.format, c.args...); got != want {
			t.Errorf("Sprintf(%q) = %q, fmt says %q", c.format, got, want)
		}
	}
}

// TestErrorfWraps: %w operands are wrapped like fmt.Errorf wraps them.
func TestErrorfWraps(t *testing.T) {
	one := Errorf("ctx: %w", io.EOF)
	if !errors.Is(one, io.EOF) || one.Error() != "ctx: EOF" || errors.Unwrap(one) != io.EOF {
		t.Fatalf("one %%w: %v", one)
	}
	two := Errorf("%w after %d attempts: %w", os.ErrClosed, 3, io.ErrUnexpectedEOF)
	if !errors.Is(two, os.ErrClosed) || !errors.Is(two, io.ErrUnexpectedEOF) {
		t.Fatalf("two %%w: %v", two)
	}
	if want := fmt.Errorf("%w after %d attempts: %w", os.ErrClosed, 3, io.ErrUnexpectedEOF).Error(); two.Error() != want {
		t.Fatalf("two %%w text %q, fmt says %q", two.Error(), want)
	}
	if plain := Errorf("no wrap %d", 1); errors.Unwrap(plain) != nil || plain.Error() != "no wrap 1" {
		t.Fatalf("plain: %v", plain)
	}
	var pe *os.PathError
	wrapped := Errorf("open: %w", &os.PathError{Op: "open", Path: "x", Err: os.ErrNotExist})
	if !errors.As(wrapped, &pe) || !errors.Is(wrapped, os.ErrNotExist) {
		t.Fatalf("errors.As through Errorf failed: %v", wrapped)
	}
}

// TestBadInputNeverPanics: missing, extra, nil and unsupported operands are
// reported in the text, as fmt reports them, instead of panicking.
func TestBadInputNeverPanics(t *testing.T) {
	cases := map[string]string{
		Sprintf("%d"):                 "%!d(MISSING)",
		Sprintf("x", 1):               "x%!(EXTRA)",
		Sprintf("%w", nil):            "%!w(<nil>)",
		Sprintf("%d", struct{}{}):     "%!d(unsupported)",
		Sprintf("%d", named(2)):       "%!d(unsupported)",
		Errorf("%w", nil).Error():     "%!w(<nil>)",
		Sprintf("%s", []int{1}):       "%!s(unsupported)",
		Sprintf("%x", "unsupported"):  "%!x(unsupported)",
		Sprintf("%v", (error)(nil)):   "<nil>",
		Sprintf("%s %s", "a", "b", 3): "a b%!(EXTRA)",
	}
	for got, want := range cases {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func ExampleErrorf() {
	err := Errorf("tether: %w after %d attempts", io.ErrUnexpectedEOF, 3)
	fmt.Println(err, errors.Is(err, io.ErrUnexpectedEOF))
	// Output: tether: unexpected EOF after 3 attempts true
}
