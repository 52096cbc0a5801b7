package sdk

import "context"

// Receive returns the next message from the server. It keeps working across
// reconnects: it returns an error only when ctx ends, or when the client is
// closed or has given up and every message received before has been returned
// (the error wraps ErrClosed, and the cause when there is one). Messages are
// returned in the order the server sent them; the caller owns Data.
func (c *Client) Receive(ctx context.Context) (Message, error) {
	m, ok, err := c.inbox.get(ctx, c.done)
	if err != nil {
		return Message{}, err
	}
	if !ok {
		return Message{}, c.Err()
	}
	return m, nil
}
