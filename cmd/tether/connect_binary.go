//go:build !js

package main

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// binaryFormat is how binary data is written on the command line
// (--binary FORMAT) and shown on output.
type binaryFormat int

const (
	binaryOff    binaryFormat = iota // no --binary: lines are text; binary shows as base64
	binaryBase64                     // --binary base64 (RFC 4648 standard alphabet)
	binaryHex                        // --binary hex
)

// parseBinaryFormat reads the --binary value; ok is false for an unknown one.
func parseBinaryFormat(name string) (f binaryFormat, ok bool) {
	switch strings.ToLower(name) {
	case "base64":
		return binaryBase64, true
	case "hex":
		return binaryHex, true
	}
	return binaryOff, false
}

func (f binaryFormat) String() string {
	if f == binaryHex {
		return "hex"
	}
	return "base64"
}

// encode writes binary data for output: hex with --binary hex, else base64.
func (f binaryFormat) encode(b []byte) string {
	if f == binaryHex {
		return hex.EncodeToString(b)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// decodeError says why an input does not decode, without repeating it: the
// column of the first bad character, or what is wrong with its length.
type decodeError struct {
	format binaryFormat
	reason string
}

func (e *decodeError) Error() string { return fmt.Sprintf("is not valid %s (%s)", e.format, e.reason) }

// decode reads one input (a stdin line or a --send value) in format. Spaces
// around it are ignored; for hex, blanks between digits too ("de ad be ef");
// base64 padding is optional.
func (f binaryFormat) decode(s string) ([]byte, error) {
	if f == binaryHex {
		return decodeHex(s)
	}
	return decodeBase64(s)
}

func decodeHex(s string) ([]byte, error) {
	if i := strings.IndexFunc(s, notHexOrBlank); i >= 0 {
		return nil, &decodeError{binaryHex, fmt.Sprintf("a character other than 0-9, a-f, A-F at column %d", i+1)}
	}
	digits := strings.Join(strings.Fields(s), "")
	if len(digits)%2 != 0 {
		return nil, &decodeError{binaryHex, "an odd number of digits"}
	}
	return hex.DecodeString(digits)
}

func notHexOrBlank(r rune) bool {
	return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F' || r == ' ' || r == '\t')
}

func decodeBase64(s string) ([]byte, error) {
	lead := len(s) - len(strings.TrimLeft(s, " \t"))
	body := strings.TrimRight(strings.TrimSpace(s), "=")
	b, err := base64.RawStdEncoding.DecodeString(body)
	var at base64.CorruptInputError
	switch {
	case err == nil:
		return b, nil
	case errors.As(err, &at) && int(at) < len(body) && !isBase64Char(body[at]):
		return nil, &decodeError{binaryBase64, fmt.Sprintf("unexpected character at column %d", lead+int(at)+1)}
	}
	return nil, &decodeError{binaryBase64, "truncated: the last byte is incomplete"}
}

func isBase64Char(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}
