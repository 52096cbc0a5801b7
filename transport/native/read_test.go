//go:build !js

package native

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/tetherws/tether/internal/leakcheck"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// TestReadCutOffMessage: a message the connection ends inside is a network
// failure, never a shorter message; the complete message before it arrives.
func TestReadCutOffMessage(t *testing.T) {
	const big = 4 << 20
	tests := []struct {
		name  string
		bytes [][]byte
	}{
		{"fragment then close", [][]byte{frame(false, 0x1, "partial-")}},
		{"header of 100 bytes", [][]byte{frameHeader(true, 0x2, false, 100)}},
		{"header of 2^31 bytes", [][]byte{frameHeader(true, 0x2, false, 1<<31)}},
		{"header of 2^63-1 bytes", [][]byte{frameHeader(true, 0x2, false, 1<<63-1)}},
		{"4 MiB cut at 4096", [][]byte{frameHeader(true, 0x2, false, big), make([]byte, 4096)}},
		{"4 MiB cut at 1 MiB", [][]byte{frameHeader(true, 0x2, false, big), make([]byte, 1<<20)}},
		{"half a header", [][]byte{frameHeader(true, 0x2, false, big)[:5]}},
		{"ping inside a fragmented message", [][]byte{frame(false, 0x1, "a"), frame(true, 0x9, "p"), frame(false, 0x0, "b")}},
	}
	for _, limit := range []int64{0, -1} {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				url := hostileServer(t, "", func(p *rawPeer) {
					p.send(frame(true, 0x1, "whole"))
					p.send(tt.bytes...)
					p.finish()
				})
				c := dialT(t, url, transport.DialOptions{ReadLimit: limit})
				if m, err := c.Read(context.Background()); err != nil || m.Text() != "whole" {
					t.Fatalf("first Read = %q, %v; want the complete message", m.Data, err)
				}
				err := readFails(t, c)
				var ne *transport.NetworkError
				if !errors.As(err, &ne) || !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("err = %v, want a NetworkError wrapping io.ErrUnexpectedEOF", err)
				}
			})
		}
	}
}

// TestReadCompleteMessages: complete messages of every length encoding, whole
// or fragmented around control frames, arrive intact.
func TestReadCompleteMessages(t *testing.T) {
	long := string(bytes.Repeat([]byte("x"), 70000))
	url := hostileServer(t, "", func(p *rawPeer) {
		p.send(frame(true, 0x1, ""), frame(true, 0x2, "short"), frame(true, 0x2, long[:300]), frame(true, 0x1, long))
		p.send(frame(false, 0x1, "h\xc3"), frame(true, 0xA, "pong"), frame(false, 0x0, ""), frame(true, 0x0, "\xa9llo"))
		p.send(closeFrame(1000, "bye"))
		p.closeCode()
	})
	c := dialT(t, url, transport.DialOptions{ReadLimit: -1})
	for _, want := range []string{"", "short", long[:300], long, "h\u00e9llo"} {
		if m, err := c.Read(context.Background()); err != nil || m.Text() != want {
			t.Fatalf("Read = %.20q (%d bytes), %v; want %.20q (%d bytes)", m.Data, len(m.Data), err, want, len(want))
		}
	}
	var ce *transport.CloseError
	if _, err := c.Read(context.Background()); !errors.As(err, &ce) || ce.Code != 1000 || ce.Reason != "bye" {
		t.Fatalf("last Read: %v, want close 1000 bye", err)
	}
}

// TestReadMaskedFrame: a masked frame from the server fails the connection
// with 1002, which the server is sent, and is never delivered.
func TestReadMaskedFrame(t *testing.T) {
	tests := []struct {
		name  string
		bytes [][]byte
	}{
		{"text", [][]byte{frameHeader(true, 0x1, true, 5), []byte("hello")}},
		{"ping", [][]byte{frameHeader(true, 0x9, true, 1), []byte("p")}},
		{"continuation", [][]byte{frame(false, 0x1, "par"), frameHeader(true, 0x0, true, 3), []byte("tly")}},
		{"same write as a good message", [][]byte{append(frame(true, 0x1, "ok"), frameHeader(true, 0x1, true, 1)...)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make(chan int, 1)
			url := hostileServer(t, "", func(p *rawPeer) {
				p.send(frame(true, 0x1, "whole"))
				p.send(tt.bytes...)
				got <- p.closeCode()
			})
			c := dialT(t, url, transport.DialOptions{})
			if m, err := c.Read(context.Background()); err != nil || m.Text() != "whole" {
				t.Fatalf("first Read = %q, %v; want the complete message", m.Data, err)
			}
			if tt.name == "same write as a good message" {
				if m, err := c.Read(context.Background()); err != nil || m.Text() != "ok" {
					t.Fatalf("second Read = %q, %v; want the message before the masked frame", m.Data, err)
				}
			}
			wantClose(t, readFails(t, c), wserr.ErrProtocolViolation, transport.StatusProtocolError)
			if code := <-got; code != transport.StatusProtocolError {
				t.Errorf("server got close %d, want 1002", code)
			}
		})
	}
}

// TestReadInvalidUTF8: text or a close reason that is not UTF-8 fails the
// connection with 1007; for text, the server is sent 1007.
func TestReadInvalidUTF8(t *testing.T) {
	tests := []struct {
		name       string
		bytes      [][]byte
		serverGets int
	}{
		{"one frame", [][]byte{frame(true, 0x1, "hi\xc3\x28")}, 1007},
		{"fragmented", [][]byte{frame(false, 0x1, "hi\xc3"), frame(true, 0x0, "\x28")}, 1007},
		{"close reason", [][]byte{closeFrame(1000, "bad\xff\xfe")}, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make(chan int, 1)
			url := hostileServer(t, "", func(p *rawPeer) {
				p.send(tt.bytes...)
				got <- p.closeCode()
			})
			c := dialT(t, url, transport.DialOptions{})
			wantClose(t, readFails(t, c), wserr.ErrInvalidUTF8, transport.StatusInvalidPayload)
			if code := <-got; code != tt.serverGets {
				t.Errorf("server got close %d, want %d", code, tt.serverGets)
			}
		})
	}
}
