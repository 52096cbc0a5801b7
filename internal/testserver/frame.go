//go:build !js

package testserver

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// WebSocket opcodes (RFC 6455 5.2).
const (
	opClose = 0x8
	opPing  = 0x9
	opPong  = 0xA
)

// frame is one WebSocket frame with its payload unmasked.
type frame struct {
	fin     bool
	op      byte
	payload []byte
}

// echoFrames is the minimal WebSocket peer of the hand-written routes: it echoes
// data frames as they come (opcode and FIN kept, so fragmented messages echo as
// fragments), answers a ping with a pong, ignores pongs, and answers a close
// frame with the same close payload, then returns nil. Any read or write error
// ends it with that error.
func echoFrames(br *bufio.Reader, bw *bufio.Writer, limit uint64) error {
	for {
		f, err := readFrame(br, limit)
		if err != nil {
			return err
		}
		switch f.op {
		case opPong:
			continue
		case opPing:
			err = writeFrame(bw, true, opPong, f.payload)
		case opClose:
			return writeFrame(bw, true, opClose, f.payload)
		default:
			err = writeFrame(bw, f.fin, f.op, f.payload)
		}
		if err != nil {
			return err
		}
	}
}

// readFrame reads one frame whose payload is at most limit bytes.
func readFrame(br *bufio.Reader, limit uint64) (frame, error) {
	var h [2]byte
	if _, err := io.ReadFull(br, h[:]); err != nil {
		return frame{}, err
	}
	n, err := readLength(br, h[1]&0x7f)
	if err != nil {
		return frame{}, err
	}
	if n > limit {
		return frame{}, fmt.Errorf("frame of %d bytes exceeds the limit of %d", n, limit)
	}
	var mask [4]byte
	masked := h[1]&0x80 != 0
	if masked {
		if _, err := io.ReadFull(br, mask[:]); err != nil {
			return frame{}, err
		}
	}
	f := frame{fin: h[0]&0x80 != 0, op: h[0] & 0x0f, payload: make([]byte, n)}
	if _, err := io.ReadFull(br, f.payload); err != nil {
		return frame{}, err
	}
	if masked {
		for i := range f.payload {
			f.payload[i] ^= mask[i%4]
		}
	}
	return f, nil
}

// readLength decodes the payload length from its 7-bit field and extension.
func readLength(br *bufio.Reader, n7 byte) (uint64, error) {
	var ext []byte
	switch n7 {
	case 126:
		ext = make([]byte, 2)
	case 127:
		ext = make([]byte, 8)
	default:
		return uint64(n7), nil
	}
	if _, err := io.ReadFull(br, ext); err != nil {
		return 0, err
	}
	if n7 == 126 {
		return uint64(binary.BigEndian.Uint16(ext)), nil
	}
	return binary.BigEndian.Uint64(ext), nil
}

// writeFrame writes one unmasked (server-to-client) frame and flushes it.
func writeFrame(bw *bufio.Writer, fin bool, op byte, p []byte) error {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	hdr := []byte{b0, 0}
	switch n := len(p); {
	case n < 126:
		hdr[1] = byte(n)
	case n <= 0xffff:
		hdr[1] = 126
		hdr = binary.BigEndian.AppendUint16(hdr, uint16(n))
	default:
		hdr[1] = 127
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	if _, err := bw.Write(hdr); err != nil {
		return err
	}
	if _, err := bw.Write(p); err != nil {
		return err
	}
	return bw.Flush()
}
