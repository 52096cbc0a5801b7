//go:build js && wasm

package jsws

import (
	"context"
	"errors"
	"syscall/js"

	"github.com/tetherws/tether/internal/jshost"
	"github.com/tetherws/tether/internal/redact"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/transport"
)

// defaultHighWaterMark is the bufferedAmount above which Write waits when
// Dialer.HighWaterMark is zero.
const defaultHighWaterMark = 1 << 20

// defaultReadLimit is the read limit used when DialOptions.ReadLimit is zero.
const defaultReadLimit = 1 << 20

// ErrNoWebSocket reports a JavaScript runtime without a global WebSocket
// (Node before 22 needs --experimental-websocket).
var ErrNoWebSocket = errors.New("tether: this JavaScript runtime has no global WebSocket (Node 20 needs --experimental-websocket)")

// Dialer dials through the runtime's WebSocket. The zero value is ready to
// use. It is safe for concurrent use. A zero DialOptions.ReadLimit means
// 1 MiB (1 << 20 bytes); a negative one, no limit.
type Dialer struct {
	// HighWaterMark is the bufferedAmount, in bytes, above which Write waits for
	// the browser to drain. Zero: 1 MiB (1 << 20).
	HighWaterMark int64

	// host, when not nil, carries messages through the embedder's JavaScript
	// instead of js.FuncOf callbacks (jshost.NewDialer).
	host *jshost.Host
}

// Dial opens a WebSocket and waits for its open (or close) event.
func (d *Dialer) Dial(ctx context.Context, url string, opts transport.DialOptions) (transport.Conn, error) {
	if len(opts.Header) > 0 {
		return nil, wserr.ErrHeaderUnsupported
	}
	ctor := js.Global().Get("WebSocket")
	if ctor.Type() != js.TypeFunction {
		return nil, ErrNoWebSocket
	}
	c, err := newConn(ctor, url, opts, d.highWaterMark(), d.host)
	if err != nil {
		return nil, &transport.NetworkError{Op: "dial", URL: redact.URL(url), Err: err}
	}
	return c, c.waitOpen(ctx, url)
}

func (d *Dialer) highWaterMark() int64 {
	if d.HighWaterMark > 0 {
		return d.HighWaterMark
	}
	return defaultHighWaterMark
}

func readLimit(n int64) int64 {
	if n == 0 {
		return defaultReadLimit
	}
	return n
}

// waitOpen blocks until the open event, the close event or the end of ctx.
func (c *conn) waitOpen(ctx context.Context, url string) error {
	select {
	case <-c.opened:
		return nil
	case <-c.closed:
		err := c.closeError()
		c.release()
		return &transport.NetworkError{Op: "dial", URL: redact.URL(url), Err: err}
	case <-c.failed:
		c.abort()
		return &transport.NetworkError{Op: "dial", URL: redact.URL(url),
			Err: &transport.CloseError{Code: transport.StatusAbnormalClosure, Reason: "connection failed"}}
	case <-ctx.Done():
		c.abort()
		return &transport.NetworkError{Op: "dial", URL: redact.URL(url), Err: ctx.Err()}
	}
}

func strings2js(list []string) js.Value {
	arr := js.Global().Get("Array").New(len(list))
	for i, s := range list {
		arr.SetIndex(i, s)
	}
	return arr
}
