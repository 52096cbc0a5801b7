//go:build js && wasm

package main

import (
	"unsafe"

	"github.com/tetherws/tether/internal/shimframe"
	"github.com/tetherws/tether/transport"
)

// Sends made by a listener while Go delivers an event to JavaScript are
// framed into the frame buffer, Go memory that bridge.js writes, instead of
// calling into Go: JavaScript is then running inside a call from Go (the
// sink), where an export that allocated could park the goroutine mid-call. The
// sink returns how many bytes it framed; Go takes them when it returns.
// The frame layout and its parser are in internal/shimframe.
const frameCapacity = shimframe.HeaderSize + 64<<10

// frameBuffer returns the address and size of the frame buffer, allocated
// once and kept for the life of the program.
func (a *api) frameBuffer() (addr uintptr, size int) {
	if a.frames == nil {
		a.frames = make([]byte, frameCapacity)
	}
	return uintptr(unsafe.Pointer(unsafe.SliceData(a.frames))), len(a.frames)
}

// takeFrames queues the sends framed in the first n bytes of the frame
// buffer, in order. The messages share one allocation and keep it alive. It
// runs where events are delivered, so a refused message is reported at once
// (bridge.js frames only for sockets whose last event is still to come).
func (a *api) takeFrames(n int) {
	if n <= 0 || n > len(a.frames) {
		return
	}
	buf := append([]byte(nil), a.frames[:n]...)
	shimframe.Each(buf, func(id uint32, kind byte, data []byte) {
		if s := a.byID(int(id)); s != nil {
			m := transport.Message{Type: transport.MessageType(kind), Data: data}
			if st := s.send(m); st != statusOK {
				s.emitUnsent([]transport.Message{m}, statusMessage(st), statusReason(st))
			}
		}
	})
}
