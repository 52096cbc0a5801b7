//go:build !js

package main

import (
	"bytes"
	"encoding/base64"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/testserver"
)

// binaryPayloads are the bytes each round trip sends: not UTF-8, with a NUL,
// a newline and an empty message.
var binaryPayloads = [][]byte{[]byte("\x00\xffhi"), []byte("a\nb"), {}}

// encodeAll writes payloads in format, as a user would type them.
func encodeAll(format binaryFormat, payloads [][]byte) []string {
	out := make([]string, len(payloads))
	for i, p := range payloads {
		out[i] = format.encode(p)
	}
	return out
}

// With --binary, stdin lines and --send values are decoded and sent as binary
// messages; the echo server returns the same bytes, which print in the same
// format, so sent and received data match what was typed.
func TestBinaryRoundTrip(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	for _, format := range []binaryFormat{binaryBase64, binaryHex} {
		typed := encodeAll(format, binaryPayloads)
		n := len(typed)
		for _, via := range []string{"stdin", "send"} {
			t.Run(format.String()+"/"+via, func(t *testing.T) {
				t.Parallel()
				args := []string{"connect", srv.URL("/echo"), "--json", "--binary", format.String(), "--count", strconv.Itoa(n)}
				var stdin io.Reader = strings.NewReader(strings.Join(typed, "\n") + "\n")
				if via == "send" {
					stdin = nil
					for _, v := range typed {
						args = append(args, "--send", v)
					}
				}
				r := runInProcessJSON(t, stdin, args...)
				if r.code != exitOK {
					t.Fatalf("exit %d\n%s", r.code, r)
				}
				for _, kind := range []string{"sent", "message"} {
					evs := r.only(kind)
					if got := dataOf(evs); !slices.Equal(got, typed) || !allBinary(evs) {
						t.Errorf("%s: data %q, want %q, all binary", kind, got, typed)
					}
				}
			})
		}
	}
}

// Humans see the size and the data in the chosen format, both ways.
func TestBinaryHumanOutputInHex(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runInProcess(t, strings.NewReader("00 FF 68 69\n"), "connect", srv.URL("/echo"), "--binary", "hex", "--count", "1")
	want := "> [binary 4 bytes] 00ff6869\n< [binary 4 bytes] 00ff6869\n"
	if r.code != exitOK || r.stdout != want {
		t.Errorf("exit %d, stdout %q, want %q\n%s", r.code, r.stdout, want, r)
	}
}

// A line that does not decode is reported as an input error naming its line
// number, without its content, and not sent; the next line still goes.
func TestBinaryUndecodableLineIsSkipped(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	for _, tc := range []struct {
		format, bad, good, reason string
	}{
		{"hex", "SECRET", "00ff", "column 1"},
		{"hex", "abc", "00ff", "odd number of digits"},
		{"base64", "AP9o!SECRET", "AP9oaQ==", "column 5"},
		{"base64", "AP9oa", "AP9oaQ==", "last byte is incomplete"},
	} {
		t.Run(tc.format+"/"+tc.bad, func(t *testing.T) {
			t.Parallel()
			stdin := strings.NewReader(tc.bad + "\n" + tc.good + "\n")
			r := runInProcessJSON(t, stdin, "connect", srv.URL("/echo"), "--json", "--binary", tc.format, "--count", "1")
			errs, sent := r.only("error"), r.only("sent")
			if r.code != exitOK || len(errs) != 1 || len(sent) != 1 || sent[0].str("data") != tc.good {
				t.Fatalf("exit %d, errors %v, sent %v\n%s", r.code, errs, sent, r)
			}
			e := errs[0]
			if e.str("kind") != "input" || e.flag("final") || !strings.Contains(e.str("error"), "stdin line 1 ") ||
				!strings.Contains(e.str("error"), tc.reason) {
				t.Errorf("error event %v, want kind input, not final, line 1, %q", e, tc.reason)
			}
			if strings.Contains(r.stdout+r.stderr, "SECRET") {
				t.Errorf("the bad line was repeated:\n%s", r)
			}
		})
	}
}

// The input error shows on stderr even with --quiet: a line was not sent.
func TestBinaryUndecodableLineShowsWhenQuiet(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	r := runInProcess(t, strings.NewReader("zz\n0a\n"), "connect", srv.URL("/echo"), "-q", "--binary", "hex", "--count", "1")
	want := "tether: error (input): stdin line 1 is not valid hex"
	if r.code != exitOK || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("exit %d, want 0 and only %q... on stderr\n%s", r.code, want, r)
	}
	if !strings.Contains(r.stdout, "< [binary 1 bytes] 0a") {
		t.Errorf("the next line was not sent\n%s", r)
	}
}

// --send-file sends each file's bytes as one binary message, in order with
// --send, through the outbox.
func TestSendFile(t *testing.T) {
	t.Parallel()
	srv := startServer(t, testserver.Options{})
	dir := t.TempDir()
	one, two := []byte("\x00\x01\n\xfe\xff"), bytes.Repeat([]byte("tether"), 20000)
	writeFile(t, filepath.Join(dir, "one.bin"), one)
	writeFile(t, filepath.Join(dir, "two.bin"), two)
	r := runInProcessJSON(t, nil, "connect", srv.URL("/echo"), "--json", "--count", "3",
		"--send-file", filepath.Join(dir, "one.bin"), "--send", "between", "--send-file", filepath.Join(dir, "two.bin"))
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	b64 := base64.StdEncoding.EncodeToString
	want := []string{b64(one), "between", b64(two)}
	for _, kind := range []string{"sent", "message"} {
		evs := r.only(kind)
		if got := dataOf(evs); !slices.Equal(got, want) {
			t.Errorf("%s: %d events, data differs from the files and --send in order", kind, len(evs))
		}
		if len(evs) == 3 && (evs[0].str("type") != "binary" || evs[1].str("type") != "text") {
			t.Errorf("%s: types %q %q, want binary text", kind, evs[0].str("type"), evs[1].str("type"))
		}
	}
	h := runInProcess(t, nil, "connect", srv.URL("/echo"), "--binary", "hex", "--count", "1",
		"--send-file", filepath.Join(dir, "one.bin"))
	if want := "< [binary 5 bytes] 00010afeff"; h.code != exitOK || !strings.Contains(h.stdout, want) {
		t.Errorf("--binary hex: exit %d, want %q\n%s", h.code, want, h)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func allBinary(evs []event) bool {
	for _, e := range evs {
		if e.str("type") != "binary" {
			return false
		}
	}
	return true
}

// runInProcessJSON is runInProcess with the --json lines decoded.
func runInProcessJSON(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	r := runInProcess(t, stdin, args...)
	r.events = decodeAll(t, r)
	return r
}
