//go:build js && wasm

package jsws

import (
	"context"
	"sync"
	"sync/atomic"
	"syscall/js"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/internal/jshost"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// conn is an open browser WebSocket. See transport.Conn for the concurrency rules.
type conn struct {
	ws         js.Value
	funcs      []js.Func
	host       *jshost.Host // nil: messages come through js.FuncOf
	hostHandle int32        // what Host.Attach returned
	highWater  int64

	// sentBuffered is the bufferedAmount jshost.Host.Send reported after the
	// latest send: an upper bound of the current one, which only drops until
	// the next send.
	sentBuffered atomic.Int64

	opened   chan struct{}
	failed   chan struct{} // closed by an error event before open
	closed   chan struct{} // closed once the close event has fired
	inbox    jshost.Inbox
	writeMu  sync.Mutex
	closeMu  sync.Mutex
	closeErr *transport.CloseError
	wasClean bool // the close event said the handshake completed; read after closed
	local    bool // Close was called
	once     sync.Once
	released sync.Once
}

var (
	_ transport.Conn   = (*conn)(nil)
	_ transport.Queued = (*conn)(nil)
)

func newConn(ctor js.Value, url string, opts transport.DialOptions, highWater int64, host *jshost.Host) (*conn, error) {
	c := &conn{highWater: highWater, host: host,
		opened: make(chan struct{}), failed: make(chan struct{}), closed: make(chan struct{})}
	err := jshost.Catch(func() {
		if len(opts.Subprotocols) > 0 {
			c.ws = ctor.New(url, strings2js(opts.Subprotocols))
		} else {
			c.ws = ctor.New(url)
		}
	})
	if err != nil {
		return nil, err
	}
	c.inbox.Init(c.ws, readLimit(opts.ReadLimit))
	c.ws.Set("binaryType", "arraybuffer")
	c.listen()
	return c, nil
}

// listen installs handlers that copy data and return at once.
func (c *conn) listen() {
	c.on("open", func(js.Value) { c.once.Do(func() { close(c.opened) }) })
	if c.host != nil {
		c.hostHandle = c.host.Attach(c.ws, &c.inbox, c.closed)
	} else {
		c.on("message", c.onMessage)
	}
	c.on("close", c.onClose)
	c.on("error", c.onError)
}

func (c *conn) on(name string, f func(ev js.Value)) {
	fn := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 {
			f(args[0])
		}
		return nil
	})
	c.funcs = append(c.funcs, fn)
	c.ws.Set("on"+name, fn)
}

// onError marks a handshake failure. Browsers follow an error with a close
// event; Node 20's WebSocket does not when the handshake fails, so an error
// before open ends the dial by itself. Browsers hide the details.
func (c *conn) onError(js.Value) {
	select {
	case <-c.opened:
		return
	default:
	}
	c.once.Do(func() { close(c.failed) })
}

// onMessage queues the message, or fails the connection (1009) when it
// exceeds the read limit (jshost.Inbox.Deliver).
func (c *conn) onMessage(ev js.Value) {
	data := ev.Get("data")
	typ, p := transport.Text, []byte(nil)
	if data.Type() == js.TypeString {
		p = []byte(data.String())
	} else {
		typ, p = transport.Binary, copyBytes(data)
	}
	c.inbox.Deliver(typ, p)
}

func copyBytes(buf js.Value) []byte {
	view := js.Global().Get("Uint8Array").New(buf)
	out := make([]byte, view.Get("byteLength").Int())
	js.CopyBytesToGo(out, view)
	return out
}

func (c *conn) onClose(ev js.Value) {
	c.closeMu.Lock()
	c.closeErr = &transport.CloseError{Code: ev.Get("code").Int(), Reason: ev.Get("reason").String(), Remote: !c.local}
	c.wasClean = ev.Get("wasClean").Bool()
	c.closeMu.Unlock()
	c.once.Do(func() {}) // a close before open means the dial failed
	close(c.closed)
	c.inbox.Fail(c.closeErr)
}

func (c *conn) closeError() *transport.CloseError {
	c.closeMu.Lock()
	defer c.closeMu.Unlock()
	return c.closeErr
}

// Read returns the next message; queued messages are delivered before the close.
// A Read whose context ends takes nothing from the queue and leaves the
// connection as it was (the conn is transport.Queued).
func (c *conn) Read(ctx context.Context) (transport.Message, error) {
	m, err := c.inbox.Pop(ctx)
	switch {
	case err == nil:
		return m, nil
	case err == ctx.Err():
		return transport.Message{}, err // nothing consumed: the connection goes on
	}
	return transport.Message{}, c.readError(err)
}

func (c *conn) readError(err error) error {
	c.closeMu.Lock()
	local := c.local
	c.closeMu.Unlock()
	if local {
		return errfmt.Errorf("%w: read", wserr.ErrClosed)
	}
	return err
}

// SubprotocolHeader returns the selected protocol as a one-element list: browsers
// expose nothing more (and fail the connection themselves on a bad answer).
func (c *conn) SubprotocolHeader() []string {
	if p := c.ws.Get("protocol").String(); p != "" {
		return []string{p}
	}
	return nil
}

// BufferedAmount returns the browser's count of queued, unsent bytes.
func (c *conn) BufferedAmount() int64 { return int64(c.ws.Get("bufferedAmount").Float()) }
