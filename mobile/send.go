//go:build !js

package mobile

import (
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// SendText sends a text message and blocks until it has been written to an
// open socket. While the client is connecting or reconnecting the message waits
// (in order) in the outbox for the next open connection. Written is not
// delivered: Flush waits until the server has confirmed reading it, and a
// message whose connection is lost before that is sent again on the next one
// (or, with Config.HandBackUnconfirmed, handed back as maybe delivered). It fails when no
// session runs (kind "state": before Connect, or after the session ended),
// when the session ends first ("closed" after Close or OnBackground,
// else the kind of the failure that ended it), when too many messages wait
// (kind "outbox"), or for text that is not valid UTF-8 (kind "invalid").
// cancel.Cancel ends the wait early: the message is then not sent
// (kind "cancelled"); a nil cancel never cancels. Call it off the UI
// thread, or use EnqueueText.
func (c *Client) SendText(text string, cancel *Cancel) error {
	return c.send(transport.TextMessage(text), cancel)
}

// SendBinary is SendText for a binary message. data is not kept after the call.
func (c *Client) SendBinary(data []byte, cancel *Cancel) error {
	return c.send(transport.BinaryMessage(data), cancel)
}

func (c *Client) send(m transport.Message, cancel *Cancel) error {
	cl, err := c.client()
	if err != nil {
		return err
	}
	return readable(cl.Send(cancel.context(), m))
}

// EnqueueText queues a text message for sending and returns at once: safe on
// the UI thread. While the client connects or reconnects the message waits in
// the outbox. It fails at once when no session runs (kind "state"), the
// outbox is full (kind "outbox"), or the text is not valid UTF-8. A queued
// message that the session ends before sending is handed back, with the
// reason (Listener.OnUnsent); see Flush to learn when the server has read
// it.
func (c *Client) EnqueueText(text string) error {
	return c.enqueue(transport.TextMessage(text))
}

// EnqueueBinary is EnqueueText for a binary message; data is copied.
func (c *Client) EnqueueBinary(data []byte) error {
	return c.enqueue(transport.BinaryMessage(append([]byte{}, data...)))
}

func (c *Client) enqueue(m transport.Message) error {
	cl, err := c.client()
	if err != nil {
		return err
	}
	return readable(cl.Enqueue(m))
}

// client returns the running session's sdk.Client, or why there is none.
func (c *Client) client() (*sdk.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch s := c.liveLocked(); {
	case s != nil:
		return s.cl, nil
	case c.closed:
		return nil, sdk.ErrClosed
	}
	return nil, errNotConnected
}
