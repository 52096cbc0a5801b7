//go:build !js

package native

import (
	"encoding/binary"
	"errors"
)

// errMaskedFrame reports a masked frame from the server (RFC 6455 §5.1: the
// client must fail the connection).
var errMaskedFrame = errors.New("tether: masked frame from server")

// frameScanner follows the frame headers of the server-to-client byte stream
// (RFC 6455 §5.2) without copying or touching payloads. It counts the data
// messages whose last byte has gone by, so a reader can tell a message that
// ended from one the connection cut off, and it stops at a masked frame.
//
// It checks nothing else: coder/websocket rejects bad opcodes, reserved bits,
// oversized control frames and negative lengths. On a stream coder rejects the
// count may be off; on a stream it accepts the count is exact. The zero value
// expects a frame header. A frameScanner is not safe for concurrent use.
type frameScanner struct {
	head     [10]byte // the current frame's header up to the mask key; head[0] stays valid during its payload
	headLen  int      // header bytes seen; 0 while in a payload or between frames
	need     int      // header length (2, 4 or 10) once its second byte is known
	remain   uint64   // payload bytes left in the current frame
	messages int64    // data messages whose final frame has ended
	partial  bool     // a data message's non-final frame has ended: the message goes on
}

// scan advances over b, the next bytes from the server. It returns len(b) and
// nil, or, at a masked frame, the number of bytes of b before the header byte
// that carries the mask bit, and errMaskedFrame: the reader gets at most the
// frame's first byte, never a frame to act on. The scanner must not be used
// after an error.
func (s *frameScanner) scan(b []byte) (int, error) {
	for i := 0; i < len(b); {
		if s.remain > 0 {
			k := min(s.remain, uint64(len(b)-i))
			s.remain -= k
			i += int(k)
			if s.remain == 0 {
				s.endFrame()
			}
			continue
		}
		if s.headLen == 1 && b[i]&0x80 != 0 {
			return i, errMaskedFrame
		}
		s.headByte(b[i])
		i++
	}
	return len(b), nil
}

// headByte takes one header byte; the last one starts the payload.
func (s *frameScanner) headByte(c byte) {
	s.head[s.headLen] = c
	s.headLen++
	if s.headLen == 2 {
		s.need = headerLen(c & 0x7f)
	}
	if s.headLen < 2 || s.headLen < s.need {
		return
	}
	s.headLen = 0
	s.remain = s.payloadLen()
	if s.remain == 0 {
		s.endFrame()
	}
}

// headerLen is the header length, mask key aside, for a 7-bit length field.
func headerLen(n7 byte) int {
	switch n7 {
	case 126:
		return 4
	case 127:
		return 10
	}
	return 2
}

// payloadLen decodes the complete header's payload length.
func (s *frameScanner) payloadLen() uint64 {
	switch s.need {
	case 4:
		return uint64(binary.BigEndian.Uint16(s.head[2:4]))
	case 10:
		return binary.BigEndian.Uint64(s.head[2:10])
	}
	return uint64(s.head[1] & 0x7f)
}

// endFrame counts a message when a final data frame (text, binary or
// continuation) ends. Control frames do not end messages.
func (s *frameScanner) endFrame() {
	fin, op := s.head[0]&0x80 != 0, s.head[0]&0x0f
	switch {
	case op > 2:
	case fin:
		s.messages++
		s.partial = false
	default:
		s.partial = true
	}
}

// atMessageEnd reports whether the bytes scanned so far end with whole
// messages (or are none): no frame, and no fragmented message, is partly
// through. A reader that has consumed everything scanned is then waiting for
// the next message's first byte.
func (s *frameScanner) atMessageEnd() bool {
	return s.headLen == 0 && s.remain == 0 && !s.partial
}
