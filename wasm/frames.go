//go:build js && wasm

package main

import (
	"encoding/binary"
	"unsafe"

	"github.com/tetherws/tether/sdk"
)

// Sends made by a listener while Go delivers an event to JavaScript are
// framed into the frame buffer, Go memory that bridge.js writes, instead of
// calling into Go: JavaScript is then running inside a call from Go (the
// sink), where an export that allocated could park the goroutine mid-call. The
// sink returns how many bytes it framed; the pump takes them when it returns.
//
// Frame layout: socket id (uint32), kind (1 text, 2 binary), length (uint32),
// payload; little-endian.
const (
	frameHeader   = 9
	frameCapacity = frameHeader + 64<<10
)

// frameBuffer returns the address and size of the frame buffer, allocated
// once and kept for the life of the program.
func (a *api) frameBuffer() (addr uintptr, size int) {
	if a.frames == nil {
		a.frames = make([]byte, frameCapacity)
	}
	return uintptr(unsafe.Pointer(unsafe.SliceData(a.frames))), len(a.frames)
}

// takeFrames queues the sends framed in the first n bytes of the frame
// buffer, in order. The messages share one allocation and keep it alive.
func (a *api) takeFrames(n int) {
	if n <= 0 || n > len(a.frames) {
		return
	}
	buf := append([]byte(nil), a.frames[:n]...)
	for len(buf) >= frameHeader {
		id := int(binary.LittleEndian.Uint32(buf))
		typ := sdk.MessageType(buf[4])
		size := int(binary.LittleEndian.Uint32(buf[5:]))
		if size > len(buf)-frameHeader {
			return // cannot happen: JavaScript writes whole frames
		}
		data := buf[frameHeader : frameHeader+size : frameHeader+size]
		buf = buf[frameHeader+size:]
		if s := a.byID(id); s != nil {
			s.sendLater(sdk.Message{Type: typ, Data: data})
		}
	}
}

// sendLater queues a send whose caller has already returned: a refused
// message is reported as unsent, and one sent after close is counted, as
// browsers count it, then dropped.
func (s *socket) sendLater(m sdk.Message) {
	switch s.send(m) {
	case statusFull:
		s.queueUnsent([]sdk.Message{m}, "tether: outbox full: message refused")
	case statusClosed:
		s.discarded.Add(int64(len(m.Data)))
	}
}
