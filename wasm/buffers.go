//go:build js && wasm

package main

import (
	"encoding/binary"
	"syscall/js"

	"github.com/tetherws/tether/sdk"
)

// buffers are the Uint8Arrays messages cross in. syscall/js makes every
// JavaScript object or string that crosses into Go a js.Value with a runtime
// finalizer, the main cost of a call; these arrays stay referenced, so a
// message crosses as a length only.
//
//   - in: JavaScript writes one outgoing message, then calls sendText or
//     sendBinary with its length.
//   - frames: a send made while JavaScript runs inside an event that Go is
//     delivering (a message listener answering) is not a call into Go at all:
//     it is framed here, and the sink's return value tells the pump how many
//     bytes to take once the listener returns (takeFrames).
//   - out: Go writes an incoming message here before calling the sink with
//     its length.
type buffers struct {
	in     js.Value
	frames js.Value
	out    js.Value
	outCap int
}

// Frame layout in the frame buffer: socket id (uint32), kind (1 text, 2
// binary), length (uint32), payload; little-endian.
const frameHeader = 9

func (a *api) setInBuffer(args []js.Value) any {
	if len(args) > 0 && args[0].Type() == js.TypeObject {
		a.bufs.in = args[0]
	}
	return nil
}

func (a *api) setFrameBuffer(args []js.Value) any {
	if len(args) > 0 && args[0].Type() == js.TypeObject {
		a.bufs.frames = args[0]
	}
	return nil
}

// sendFrames(n) queues the framed sends, when JavaScript must flush them
// before another call (close, bufferedAmount, ...) to keep their order.
func (a *api) sendFrames(args []js.Value) any {
	if len(args) > 0 && args[0].Type() == js.TypeNumber {
		a.takeFrames(args[0].Int())
	}
	return nil
}

// fromIn copies n bytes out of the in buffer.
func (b *buffers) fromIn(n int) []byte {
	p := make([]byte, n)
	if n > 0 {
		js.CopyBytesToGo(p, b.in)
	}
	return p
}

// toOut copies p into the out buffer, growing it as needed. JavaScript reads
// it at once, before it runs anything that could make Go write it again.
func (b *buffers) toOut(p []byte) js.Value {
	if len(p) > b.outCap {
		b.outCap = max(len(p), 2*b.outCap, 4096)
		b.out = uint8Array.New(b.outCap)
	}
	if len(p) > 0 {
		js.CopyBytesToJS(b.out, p)
	}
	return b.out
}

// takeFrames queues the sends framed in the first n bytes of the frame
// buffer, in order. The messages share one allocation and keep it alive.
func (a *api) takeFrames(n int) {
	if n <= 0 || a.bufs.frames.IsUndefined() {
		return
	}
	buf := make([]byte, n)
	js.CopyBytesToGo(buf, a.bufs.frames)
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
			s.sendFramed(sdk.Message{Type: typ, Data: data})
		}
	}
}
