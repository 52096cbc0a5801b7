//go:build !js

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBinaryDecode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		format binaryFormat
		in     string
		want   []byte
		err    string // in the error; "" for none
	}{
		{binaryHex, "00ff6869", []byte("\x00\xffhi"), ""},
		{binaryHex, " 00 FF\t68 69 ", []byte("\x00\xffhi"), ""},
		{binaryHex, "", []byte{}, ""},
		{binaryHex, "0g", nil, "is not valid hex (a character other than 0-9, a-f, A-F at column 2)"},
		{binaryHex, "0x00", nil, "column 2"},
		{binaryHex, "00f", nil, "is not valid hex (an odd number of digits)"},
		{binaryBase64, "AP9oaQ==", []byte("\x00\xffhi"), ""},
		{binaryBase64, "  AP9oaQ  ", []byte("\x00\xffhi"), ""},
		{binaryBase64, "", []byte{}, ""},
		{binaryBase64, "AP9o aQ==", nil, "is not valid base64 (unexpected character at column 5)"},
		{binaryBase64, "  A-", nil, "column 4"},
		{binaryBase64, "AP9oa", nil, "is not valid base64 (truncated: the last byte is incomplete)"},
		{binaryBase64, "A", nil, "truncated"},
	} {
		got, err := tc.format.decode(tc.in)
		switch {
		case tc.err == "" && (err != nil || !bytes.Equal(got, tc.want)):
			t.Errorf("%s %q: %x, %v; want %x", tc.format, tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s %q: error %v, want %q", tc.format, tc.in, err, tc.err)
		}
	}
}

// The new flags' usage errors name the flag and never show a --send value, a
// path or the --binary value.
func TestBinaryFlagUsageErrors(t *testing.T) {
	t.Parallel()
	const u = "ws://127.0.0.1:1/"
	dir := t.TempDir()
	big := filepath.Join(dir, "SECRET-big")
	if err := os.WriteFile(big, make([]byte, maxSendFile+1), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"unknown format", []string{"--binary", "SECRET"}, "--binary: want base64 or hex (value not shown)"},
		{"empty format", []string{"--binary", ""}, "--binary: want base64 or hex"},
		{"bad hex send", []string{"--binary", "hex", "--send", "00", "--send", "SECRET"}, "--send: entry 2 is not valid hex (a character other than 0-9, a-f, A-F at column 1); value not shown"},
		{"bad base64 send", []string{"--send", "SECRET!", "--binary", "base64"}, "--send: entry 1 is not valid base64 (unexpected character at column 7)"},
		{"missing file", []string{"--send-file", filepath.Join(dir, "SECRET")}, "--send-file: entry 1 cannot be opened: no such file or directory (path not shown)"},
		{"file too big", []string{"--send-file", big}, "--send-file: entry 1 is larger than 4 MiB"},
		{"directory", []string{"--send", "x", "--send-file", filepath.Join(dir, "..", filepath.Base(dir))}, "--send-file: entry 1 cannot be read: is a directory (path not shown)"},
		{"zero handshake timeout", []string{"--handshake-timeout", "0"}, "--handshake-timeout 0s: must be more than 0 (default 10s)"},
		{"negative handshake timeout", []string{"--handshake-timeout", "-1s"}, "--handshake-timeout -1s: must be more than 0"},
		{"bad handshake timeout", []string{"--handshake-timeout", "SECRET"}, "-handshake-timeout: invalid value (not shown)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := runInProcess(t, nil, append([]string{"connect", u}, tc.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want 2 and %q in stderr\n%s", r.code, tc.want, r)
			}
			if strings.Contains(r.stdout+r.stderr, "SECRET") {
				t.Errorf("a value or path leaked:\n%s", r)
			}
		})
	}
}

func TestHelpListsBinaryAndHandshakeFlags(t *testing.T) {
	t.Parallel()
	r := runInProcess(t, nil, "help", "connect")
	for _, want := range []string{"--binary FORMAT", "--send-file PATH", "--handshake-timeout DUR"} {
		if r.code != exitOK || !strings.Contains(r.stdout, want) {
			t.Errorf("tether help connect: exit %d, no %q\n%s", r.code, want, r)
		}
	}
}
