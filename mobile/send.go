//go:build !js

package mobile

import (
	"unicode/utf8"

	"github.com/tetherws/tether/sdk"
)

// SendText sends a text message and blocks until it has been written to an
// open socket. While the client is connecting or reconnecting the message waits
// (in order) for the next open connection; it fails when the session ends first
// (ErrorKindClosed), when too many messages wait (ErrorKindOutbox), or for text
// that is not valid UTF-8 (ErrorKindInvalid). Call it off the UI thread, or
// use EnqueueText.
func (c *Client) SendText(text string) error { return c.SendTextWithCancel(text, nil) }

// SendTextWithCancel is SendText, ended early by h.Cancel: the message is then
// not sent (ErrorKindCancelled). A nil h never cancels.
func (c *Client) SendTextWithCancel(text string, h *Cancel) error {
	return c.send(sdk.TextMessage(text), h)
}

// SendBinary is SendText for a binary message. data is not kept after the call.
func (c *Client) SendBinary(data []byte) error { return c.SendBinaryWithCancel(data, nil) }

// SendBinaryWithCancel is SendBinary, ended early by h.Cancel.
func (c *Client) SendBinaryWithCancel(data []byte, h *Cancel) error {
	return c.send(sdk.BinaryMessage(data), h)
}

func (c *Client) send(m sdk.Message, h *Cancel) error {
	s, err := c.session()
	if err != nil {
		return err
	}
	ctx := h.context()
	cl, err := s.client(ctx)
	if err != nil {
		return err
	}
	return readable(cl.Send(ctx, m))
}

// EnqueueText queues a text message for sending and returns at once: safe on
// the UI thread. It fails at once when the client is not connected, its outbox
// is full, or the text is not valid UTF-8. A queued message that the session
// ends before sending is handed back by Listener.OnUnsent.
func (c *Client) EnqueueText(text string) error {
	return c.enqueue(sdk.TextMessage(text))
}

// EnqueueBinary is EnqueueText for a binary message; data is copied.
func (c *Client) EnqueueBinary(data []byte) error {
	return c.enqueue(sdk.BinaryMessage(append([]byte{}, data...)))
}

func (c *Client) enqueue(m sdk.Message) error {
	if m.Type == sdk.MessageText && !utf8.Valid(m.Data) {
		return sdk.ErrInvalidUTF8 // checked now: during Connect the SDK sees it later
	}
	s, err := c.session()
	if err != nil {
		return err
	}
	return s.enqueue(m)
}

// session returns the running session, or why there is none.
func (c *Client) session() (*session, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.sess != nil:
		return c.sess, nil
	case c.closed:
		return nil, sdk.ErrClosed
	}
	return nil, errNotConnected
}
