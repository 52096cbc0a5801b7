package sdk

// An open connection with nothing to write has no goroutine of its own: the
// supervisor parks it and its goroutine ends. Whichever comes first, a message
// added to the outbox or the connection's end, starts a goroutine that
// resumes supervising it (superviseFrom). An idle client then costs only the
// goroutines its application runs, such as a Receive caller.

// watchParked has the outbox resume cn's supervision when messages are
// added while cn is parked (its end resumes it too: newConnection).
func (c *Client) watchParked(cn *connection) {
	c.outbox.setWake(func() bool { return c.resume(cn) })
}

// park parks cn; false means flush again (messages were queued since the
// last flush) or look at cn's end (it ended before it could be seen parked).
func (c *Client) park(cn *connection) bool {
	if !c.outbox.park(&cn.parked) {
		return false
	}
	if cn.ctx.Err() != nil && cn.parked.CompareAndSwap(true, false) {
		return false
	}
	return true
}

// resume goes on supervising cn on a new goroutine if cn is parked; false
// means it was not (its supervisor runs, or another call resumed it).
func (c *Client) resume(cn *connection) bool {
	if !cn.parked.CompareAndSwap(true, false) {
		return false
	}
	go c.superviseFrom(cn)
	return true
}
