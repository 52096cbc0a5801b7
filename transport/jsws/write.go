//go:build js && wasm

package jsws

import (
	"context"
	"fmt"
	"syscall/js"
	"time"

	"github.com/tetherws/tether/transport"
)

// maxDrainPoll bounds the wait between bufferedAmount polls.
const maxDrainPoll = 50 * time.Millisecond

// Write sends one message once bufferedAmount is at or below the high-water mark.
func (c *Conn) Write(ctx context.Context, typ transport.MessageType, p []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if err := c.waitDrain(ctx); err != nil {
		return err
	}
	if c.ws.Get("readyState").Int() != 1 { // CLOSING or CLOSED: send would discard p silently
		return fmt.Errorf("%w: write on a closing connection", transport.ErrClosed)
	}
	return catch(func() { c.send(typ, p) })
}

func (c *Conn) send(typ transport.MessageType, p []byte) {
	if typ == transport.Text {
		c.ws.Call("send", string(p))
		return
	}
	arr := js.Global().Get("Uint8Array").New(len(p))
	js.CopyBytesToJS(arr, p)
	c.ws.Call("send", arr)
}

// waitDrain waits, polling with a growing interval, until the browser's buffer is
// at or below the high-water mark, the connection closes or ctx ends.
func (c *Conn) waitDrain(ctx context.Context) error {
	wait := time.Millisecond
	for {
		if err := c.writable(); err != nil {
			return err
		}
		if c.BufferedAmount() <= c.highWater {
			return nil
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-c.closed:
			t.Stop()
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
		wait = min(wait*2, maxDrainPoll)
	}
}

func (c *Conn) writable() error {
	select {
	case <-c.closed:
		if ce := c.closeError(); ce != nil && !c.isLocal() {
			return ce
		}
		return fmt.Errorf("%w: write", transport.ErrClosed)
	default:
	}
	if c.isLocal() {
		return fmt.Errorf("%w: write", transport.ErrClosed)
	}
	return nil
}

func (c *Conn) isLocal() bool {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	return c.local
}
