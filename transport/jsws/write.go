//go:build js && wasm

package jsws

import (
	"context"
	"syscall/js"
	"time"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/jshost"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// maxDrainPoll bounds the wait between bufferedAmount polls.
const maxDrainPoll = 50 * time.Millisecond

// Write sends one message once bufferedAmount is at or below the high-water mark.
func (c *conn) Write(ctx context.Context, m transport.Message) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	if err := c.waitDrain(ctx); err != nil {
		return err
	}
	return c.sendNow(m.Type, m.Data)
}

// TryWrite sends p at once when no other write is in progress, the socket is
// open and bufferedAmount is at or below the high-water mark; otherwise it
// sends nothing. It never blocks: browsers queue what send is given.
func (c *conn) TryWrite(m transport.Message) (bool, error) {
	if !c.writeMu.TryLock() {
		return false, nil
	}
	defer c.writeMu.Unlock()
	if err := c.writable(); err != nil {
		return false, err
	}
	if !c.drained() {
		return false, nil
	}
	if err := c.sendNow(m.Type, m.Data); err != nil {
		return false, err
	}
	return true, nil
}

// sendNow hands p to the browser; the caller holds writeMu.
func (c *conn) sendNow(typ transport.MessageType, p []byte) error {
	if c.hostSends() {
		var ok bool
		if err := jshost.Catch(func() { ok = c.hostSend(typ, p) }); err != nil || ok {
			return err
		}
		return errClosing
	}
	if c.ws.Get("readyState").Int() != 1 { // CLOSING or CLOSED: send would discard p silently
		return errClosing
	}
	return jshost.Catch(func() { c.send(typ, p) })
}

var errClosing = errfmt.Errorf("%w: write on a closing connection", wserr.ErrClosed)

func (c *conn) send(typ transport.MessageType, p []byte) {
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
func (c *conn) waitDrain(ctx context.Context) error {
	wait := time.Millisecond
	for {
		if err := c.writable(); err != nil {
			return err
		}
		if c.drained() {
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

// drained reports whether bufferedAmount is at or below the high-water mark.
// With jshost.Host.Send, the amount its latest send reported is an upper bound that
// saves asking the browser.
func (c *conn) drained() bool {
	if c.hostSends() && c.sentBuffered.Load() <= c.highWater {
		return true
	}
	ba := c.BufferedAmount()
	c.sentBuffered.Store(ba)
	return ba <= c.highWater
}

func (c *conn) hostSends() bool { return c.host != nil && c.host.Send != nil }

func (c *conn) writable() error {
	select {
	case <-c.closed:
		if ce := c.closeError(); ce != nil && !c.isLocal() {
			return ce
		}
		return errfmt.Errorf("%w: write", wserr.ErrClosed)
	default:
	}
	if c.isLocal() {
		return errfmt.Errorf("%w: write", wserr.ErrClosed)
	}
	return nil
}

func (c *conn) isLocal() bool {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	return c.local
}
