package sdk

import "context"

// Event is one thing that happened to a client, as Next and
// Options.OnEvent give it: a transport.Message from the server (Next only),
// or a lifecycle event: StateChangeEvent, ConnectingEvent, OpenEvent,
// CloseEvent, ReconnectingEvent, HeartbeatEvent or UnsentEvent. Use a type
// switch; no other type is ever given.
type Event interface{}

// Next returns the next thing that happened to the client, in the order it
// happened: the server's messages as Message values and, with
// Options.StreamEvents, the lifecycle events between them. A connection's
// OpenEvent comes before its first message and its CloseEvent after its last,
// so a facade can translate the stream to its platform one event at a time.
// The last event of a client is the StateChangeEvent to Closed (preceded by
// an UnsentEvent when messages were handed back); after it Next returns the
// error Receive would (wrapping ErrClosed).
//
// A ctx that has already ended makes Next a poll: it returns what is ready
// without waiting, or ctx's error. Next and Receive take from the same
// stream; use one of them. Without StreamEvents, Next is Receive.
func (c *Client) Next(ctx context.Context) (Event, error) {
	e, err := c.next(ctx, true)
	if err != nil {
		return nil, err
	}
	if e.ev != nil {
		return e.ev, nil
	}
	return e.msg, nil
}

// observed reports whether events go anywhere (OnEvent or the stream).
func (c *Client) observed() bool { return c.opts.StreamEvents || c.opts.OnEvent != nil }

// emit reports ev: to Options.OnEvent (if set) on the dispatcher, and to the
// stream when Options.StreamEvents is on. Callers on frequent paths check
// observed first: making ev an Event allocates.
func emit(c *Client, ev Event) {
	if c.opts.StreamEvents {
		c.inbox.event(ev)
	}
	if f := c.opts.OnEvent; f != nil {
		c.events.post(func() { f(ev) })
	}
}
