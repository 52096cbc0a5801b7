// Package shimframe parses the frame buffer through which the browser shim's
// JavaScript hands sends to Go (wasm/frames.go): frames written while Go is
// calling into JavaScript, when JavaScript may not call an export.
//
// Frame layout, little-endian: socket id (uint32), kind (1 text, 2 binary),
// payload length (uint32), payload. The package holds no syscall/js, so the
// parser is fuzzed natively.
package shimframe

// HeaderSize is the size of a frame header in bytes.
const HeaderSize = 9

// Each calls f for each whole frame at the start of buf, in order, and stops
// at the first frame that is cut off (which cannot happen: JavaScript writes
// whole frames). It does not judge the kind. data aliases buf, with no spare
// capacity: appending to it never overwrites the next frame.
func Each(buf []byte, f func(id uint32, kind byte, data []byte)) {
	for len(buf) >= HeaderSize {
		id := le32(buf)
		kind := buf[4]
		size := le32(buf[5:])
		if uint64(size) > uint64(len(buf)-HeaderSize) {
			return
		}
		end := HeaderSize + int(size)
		data := buf[HeaderSize:end:end]
		buf = buf[end:]
		f(id, kind, data)
	}
}

// Append appends one frame to b, as bridge.js writes it.
func Append(b []byte, id uint32, kind byte, payload []byte) []byte {
	b = appendLE32(b, id)
	b = append(b, kind)
	b = appendLE32(b, uint32(len(payload)))
	return append(b, payload...)
}

// le32 and appendLE32 are encoding/binary's LittleEndian.Uint32 and
// AppendUint32, written out: encoding/binary links reflect into the wasm.
func le32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func appendLE32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}
