//go:build js && wasm

package jsws

import (
	"errors"
	"syscall/js"
	"time"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/internal/jshost"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// closeWait bounds how long Close waits for the browser's close event.
const closeWait = 5 * time.Second

// Close sends a close frame with a browser-legal code (see
// transport.BrowserCloseCode), waits up to 5 s for the close event, and releases
// every js.Func. Later calls are no-ops.
func (c *conn) Close(code int, reason string) error {
	if !c.markLocal() {
		return nil
	}
	c.closeWith(closecode.ForBrowser(code), reason)
	t := time.NewTimer(closeWait)
	defer t.Stop()
	var err error
	select {
	case <-c.closed:
		if !c.wasClean {
			err = errCloseUnanswered
		}
	case <-t.C:
		err = errCloseUnanswered
	}
	c.release()
	return err
}

var errCloseUnanswered = errors.New("tether: close handshake not completed")

func (c *conn) markLocal() bool {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	if c.local {
		return false
	}
	c.local = true
	return true
}

func (c *conn) closeWith(code int, reason string) {
	_ = jshost.Catch(func() { c.ws.Call("close", code, reason) })
}

// abort closes a connection that never opened and releases it.
func (c *conn) abort() {
	c.markLocal()
	c.closeWith(transport.StatusNormalClosure, "")
	c.release()
}

// release detaches the handlers and frees every js.Func, once.
func (c *conn) release() { c.released.Do(c.detach) }

// detach is release's work (a method, so that its body is compiled once
// wherever release is inlined).
func (c *conn) detach() {
	for _, name := range []string{"onopen", "onmessage", "onclose", "onerror"} {
		c.ws.Set(name, js.Null())
	}
	for _, f := range c.funcs {
		f.Release()
	}
	if c.host != nil && c.host.Detach != nil {
		c.host.Detach(&c.inbox)
	}
	c.inbox.Fail(wserr.ErrClosed)
}

// Abort sends the close frame and releases the connection without waiting for
// the close event.
func (c *conn) Abort(code int, reason string) {
	if c.markLocal() {
		c.closeWith(closecode.ForBrowser(code), reason)
	}
	c.release()
}
