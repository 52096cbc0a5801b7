package sdk

// Probe checks the connection at once: when it is open and heartbeats are on,
// a ping is sent now instead of at the end of the idle interval, so a dead
// connection is detected within one heartbeat timeout. Call it when the app
// returns to the foreground or the page becomes visible. It does nothing in
// other states.
func (c *Client) Probe() {
	c.mu.Lock()
	cn := c.conn
	c.mu.Unlock()
	if cn != nil {
		cn.live.probe(c.opts.clock.Now())
	}
}

// ReconnectNow cuts a backoff wait short: the next attempt starts at once.
// Call it when the network has come back (an online event, a mobile
// connectivity change). When the client is open it probes the connection
// instead (see Probe); in other states it does nothing.
func (c *Client) ReconnectNow() {
	switch c.State() {
	case Open:
		c.Probe()
	case Reconnecting:
		notify(c.skipWait)
	}
}
