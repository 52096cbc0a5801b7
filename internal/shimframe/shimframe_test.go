package shimframe

import (
	"bytes"
	"encoding/binary"
	"testing"
)

type frame struct {
	id   uint32
	kind byte
	data string
}

func TestEach(t *testing.T) {
	buf := Append(nil, 1, 1, []byte("hello"))
	buf = Append(buf, 7, 2, []byte{0, 1, 2})
	buf = Append(buf, 1, 1, nil)
	buf = append(buf, 1, 0, 0) // a cut-off header: ignored
	var got []frame
	Each(buf, func(id uint32, kind byte, data []byte) { got = append(got, frame{id, kind, string(data)}) })
	want := []frame{{1, 1, "hello"}, {7, 2, "\x00\x01\x02"}, {1, 1, ""}}
	if len(got) != len(want) {
		t.Fatalf("got %d frames, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("frame %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestEachStopsAtCutOffPayload(t *testing.T) {
	buf := Append(nil, 3, 1, []byte("whole"))
	buf = append(buf, Append(nil, 4, 1, []byte("cut off"))[:HeaderSize+3]...)
	n := 0
	Each(buf, func(uint32, byte, []byte) { n++ })
	if n != 1 {
		t.Fatalf("got %d frames, want 1 (the cut-off one is skipped)", n)
	}
}

// FuzzEach checks that Each never panics or reads past buf, that the frames
// it returns re-encode to a prefix of buf with less than one whole frame left
// over, and that no frame's data can grow into the next.
func FuzzEach(f *testing.F) {
	f.Add([]byte{})
	f.Add(Append(nil, 1, 1, []byte("hi")))
	f.Add(Append(Append(nil, 2, 2, []byte{0xff}), 3, 1, nil))
	f.Add(append(Append(nil, 1, 1, []byte("x")), 0, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff))
	f.Add([]byte{1, 0, 0, 0, 9, 5, 0, 0, 0, 'a'})
	f.Fuzz(func(t *testing.T, buf []byte) {
		var again []byte
		Each(buf, func(id uint32, kind byte, data []byte) {
			if cap(data) != len(data) {
				t.Fatalf("frame data has spare capacity %d", cap(data)-len(data))
			}
			again = Append(again, id, kind, data)
		})
		if !bytes.HasPrefix(buf, again) {
			t.Fatalf("frames re-encode to %x, not a prefix of %x", again, buf)
		}
		rest := buf[len(again):]
		if len(rest) >= HeaderSize && uint64(binary.LittleEndian.Uint32(rest[5:])) <= uint64(len(rest)-HeaderSize) {
			t.Fatalf("stopped before a whole frame: %x", rest)
		}
	})
}
