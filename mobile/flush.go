//go:build !js

package mobile

import (
	"context"
	"fmt"

	"github.com/tetherws/tether/sdk"
)

// FlushCallback receives the outcome of FlushAsync. The app implements it
// (a Kotlin lambda or object, a Swift class).
type FlushCallback interface {
	// OnFlushed reports how FlushAsync ended: kind and message are "" when
	// every message was confirmed; else kind is the kind (see ErrorKindOf)
	// of the error Flush would have returned ("unconfirmed", "state", ...)
	// and message its readable text.
	OnFlushed(kind string, message string)
}

// Flush blocks until every message sent before it (SendText returned,
// EnqueueText accepted) is confirmed: the server answered a ping written
// after the message, so it has read it (see "Delivery" in the package
// documentation). SendText then Flush confirms one message. Messages
// re-sent after a lost connection are waited for on the next one.
//
// It fails with kind "unconfirmed", saying how many messages were not
// confirmed, when timeoutMillis passes first, when some were handed back
// meanwhile (Listener.OnUnsent), or when Close ends the session
// with some not confirmed; with kind "state" when no session runs
// (before Connect, after the session ended); with kind "invalid" when
// timeoutMillis is not more than 0. Call it off the UI thread, or use
// FlushAsync.
func (c *Client) Flush(timeoutMillis int64) error {
	if timeoutMillis <= 0 {
		return fmt.Errorf("%w: Flush timeoutMillis is %d, want more than 0", sdk.ErrInvalidArgument, timeoutMillis)
	}
	cl, err := c.client()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), millis(timeoutMillis))
	defer cancel()
	return readable(cl.Flush(ctx))
}

// FlushAsync is Flush without blocking: safe on the UI thread. It reports
// the outcome to callback (nil: no report) on a goroutine of its own, not
// the Listener goroutine; post to the UI thread from there. That goroutine
// ends after the callback returns: at the latest timeoutMillis after the
// call, sooner when Close ends the session. Close does not wait for it, so
// the callback may call Close.
func (c *Client) FlushAsync(timeoutMillis int64, callback FlushCallback) {
	go func() {
		err := c.Flush(timeoutMillis)
		if callback == nil {
			return
		}
		kind, msg := ErrorKindOf(err), ""
		if err != nil {
			msg = err.Error()
		}
		callback.OnFlushed(kind, msg)
	}()
}
