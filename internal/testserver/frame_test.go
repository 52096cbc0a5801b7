//go:build !js

package testserver

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// clientFrame builds a masked client frame.
func clientFrame(fin bool, op byte, payload []byte) []byte {
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	_ = writeFrame(bw, fin, op, payload)
	raw := b.Bytes()
	hdrLen := len(raw) - len(payload)
	mask := []byte{1, 2, 3, 4}
	out := append([]byte{}, raw[:hdrLen]...)
	out[1] |= 0x80
	out = append(out, mask...)
	for i, c := range payload {
		out = append(out, c^mask[i%4])
	}
	return out
}

func TestEchoFrames(t *testing.T) {
	big := bytes.Repeat([]byte("q"), 70000)
	var in bytes.Buffer
	in.Write(clientFrame(true, 0x1, []byte("hi")))
	in.Write(clientFrame(false, 0x2, big[:300]))
	in.Write(clientFrame(true, 0x0, big))
	in.Write(clientFrame(true, opPing, []byte("p")))
	in.Write(clientFrame(true, opPong, []byte("ignored")))
	in.Write(clientFrame(true, opClose, []byte{0x03, 0xe8}))
	in.Write(clientFrame(true, 0x1, []byte("after close")))

	var out bytes.Buffer
	bw := bufio.NewWriter(&out)
	if err := echoFrames(bufio.NewReader(&in), bw, 1<<20); err != nil {
		t.Fatalf("echoFrames: %v", err)
	}
	br := bufio.NewReader(&out)
	for _, want := range []frame{
		{true, 0x1, []byte("hi")}, {false, 0x2, big[:300]}, {true, 0x0, big},
		{true, opPong, []byte("p")}, {true, opClose, []byte{0x03, 0xe8}},
	} {
		got, err := readFrame(br, 1<<20)
		if err != nil || got.fin != want.fin || got.op != want.op || !bytes.Equal(got.payload, want.payload) {
			t.Fatalf("frame: got fin=%v op=%x %d bytes, err %v; want fin=%v op=%x %d bytes",
				got.fin, got.op, len(got.payload), err, want.fin, want.op, len(want.payload))
		}
	}
	if br.Buffered() != 0 {
		t.Fatalf("%d extra bytes after the close frame", br.Buffered())
	}
}

func TestReadFrameLimit(t *testing.T) {
	_, err := readFrame(bufio.NewReader(bytes.NewReader(clientFrame(true, 0x1, make([]byte, 200)))), 100)
	if err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v, want a limit error", err)
	}
	huge := []byte{0x82, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	if _, err := readFrame(bufio.NewReader(bytes.NewReader(huge)), 1<<20); err == nil {
		t.Fatal("accepted a frame of 2^63 bytes")
	}
}

func FuzzReadFrame(f *testing.F) {
	f.Add(clientFrame(true, 0x1, []byte("hello")))
	f.Add([]byte{0x81, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := readFrame(bufio.NewReader(bytes.NewReader(b)), 4096)
		if err == nil && len(fr.payload) > 4096 {
			t.Fatalf("payload of %d bytes over the limit", len(fr.payload))
		}
	})
}
