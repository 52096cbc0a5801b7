//go:build !js

package native

import (
	"bytes"
	"errors"
	"testing"
)

// scanAll feeds b to a fresh scanner in pieces of size step.
func scanAll(b []byte, step int) (s frameScanner, passed int, err error) {
	for len(b) > 0 {
		k := min(step, len(b))
		n, err := s.scan(b[:k])
		passed += n
		if err != nil {
			return s, passed, err
		}
		b = b[k:]
	}
	return s, passed, nil
}

func TestFrameScanner(t *testing.T) {
	long := bytes.Repeat([]byte("x"), 70000)
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tests := []struct {
		name     string
		in       []byte
		messages int64
		passed   int  // bytes before a masked frame's mask bit; -1: all
		atEnd    bool // atMessageEnd after the bytes (unmasked cases)
	}{
		{"empty", nil, 0, -1, true},
		{"text", frame(true, 0x1, "hello"), 1, -1, true},
		{"empty text", frame(true, 0x1, ""), 1, -1, true},
		{"16-bit length", frame(true, 0x2, string(long[:300])), 1, -1, true},
		{"64-bit length", frame(true, 0x2, string(long)), 1, -1, true},
		{"fragments", cat(frame(false, 0x1, "a"), frame(false, 0x0, "b"), frame(true, 0x0, "c")), 1, -1, true},
		{"controls", cat(frame(true, 0x9, "p"), frame(true, 0xA, ""), frame(true, 0x8, "\x03\xe8")), 0, -1, true},
		{"control inside a message", cat(frame(false, 0x2, "a"), frame(true, 0x9, ""), frame(true, 0x0, "b")), 1, -1, true},
		{"control inside an unfinished message", cat(frame(false, 0x2, "a"), frame(true, 0x9, "")), 0, -1, false},
		{"unfinished", cat(frame(true, 0x1, "x"), frame(false, 0x1, "y")), 1, -1, false},
		{"cut payload", cat(frame(true, 0x1, "x"), frameHeader(true, 0x2, false, 100), []byte("abc")), 1, -1, false},
		{"cut header", cat(frame(true, 0x1, "x"), frameHeader(true, 0x2, false, 1<<40)[:6]), 1, -1, false},
		{"masked", cat(frame(true, 0x1, "ok"), frameHeader(true, 0x1, true, 1), []byte("z")), 1, 5, false},
		{"masked control", cat(frameHeader(true, 0x9, true, 0)), 0, 1, false},
	}
	for _, tt := range tests {
		for _, step := range []int{1, 2, 3, 7, 4096} {
			s, passed, err := scanAll(tt.in, step)
			want := tt.passed
			if want < 0 {
				want = len(tt.in)
			}
			if s.messages != tt.messages || passed != want || errors.Is(err, errMaskedFrame) != (tt.passed >= 0) {
				t.Errorf("%s, step %d: messages %d, passed %d, err %v; want %d, %d", tt.name, step, s.messages, passed, err, tt.messages, want)
			}
			if err == nil && s.atMessageEnd() != tt.atEnd {
				t.Errorf("%s, step %d: atMessageEnd() = %v, want %v", tt.name, step, s.atMessageEnd(), tt.atEnd)
			}
		}
	}
}

// FuzzFrameScanner checks that how the stream is split does not change what
// the scanner finds, and that it never passes a byte of a masked frame.
func FuzzFrameScanner(f *testing.F) {
	f.Add(frame(true, 0x1, "hello"), uint8(1))
	f.Add(bytes.Join([][]byte{frame(false, 0x1, "a"), frame(true, 0x9, "p"), frame(true, 0x0, "b")}, nil), uint8(2))
	f.Add(append(frame(true, 0x2, "ok"), frameHeader(true, 0x1, true, 3)...), uint8(3))
	f.Add(frameHeader(true, 0x2, false, 1<<63-1), uint8(5))
	f.Fuzz(func(t *testing.T, b []byte, step uint8) {
		whole, wholePassed, wholeErr := scanAll(b, len(b)+1)
		split, splitPassed, splitErr := scanAll(b, int(step)+1)
		if whole.messages != split.messages || wholePassed != splitPassed || (wholeErr == nil) != (splitErr == nil) {
			t.Fatalf("whole: %d messages, %d passed, %v; in steps of %d: %d, %d, %v",
				whole.messages, wholePassed, wholeErr, int(step)+1, split.messages, splitPassed, splitErr)
		}
		if wholeErr != nil && (wholePassed == 0 || b[wholePassed]&0x80 == 0) {
			t.Fatalf("masked frame reported at %d, where no masked header starts", wholePassed)
		}
		if whole.messages < 0 || int(whole.messages) > len(b)/2 {
			t.Fatalf("%d messages in %d bytes", whole.messages, len(b))
		}
	})
}

// BenchmarkFrameScanner measures the scanner's cost on a 4 KiB read of
// 32-byte messages, its worst case (a header every 34 bytes).
func BenchmarkFrameScanner(b *testing.B) {
	msg := frame(true, 0x2, string(bytes.Repeat([]byte("x"), 32)))
	chunk := bytes.Repeat(msg, 4096/len(msg))
	b.SetBytes(int64(len(chunk)))
	b.ReportAllocs()
	var s frameScanner
	for b.Loop() {
		if _, err := s.scan(chunk); err != nil {
			b.Fatal(err)
		}
	}
}
