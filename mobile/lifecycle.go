//go:build !js

package mobile

// App lifecycle hooks. Call them from the platform's callbacks (Android:
// ProcessLifecycleOwner ON_START / ON_STOP and ConnectivityManager.NetworkCallback;
// iOS: UIApplication.willEnterForeground / didEnterBackground notifications and
// NWPathMonitor). Each may be called in every state, from any thread, as often
// as the platform reports; none blocks.

// OnForeground tells the client the app is visible again. A client that
// OnBackground closed (CloseInBackground) starts a new session at once, as
// ConnectAsync does (its events follow the closed session's final OnClose). An
// open connection is probed at once: a ping goes out now, so a connection that
// died while the app was suspended is detected within HeartbeatTimeoutMillis
// instead of after the idle interval. A client waiting out a reconnect delay
// (the first connection's too, with RetryFirstDial) tries now. Otherwise it
// does nothing.
func (c *Client) OnForeground() {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	if c.paused {
		_, _ = c.startLocked() // failures go to the Listener
		c.mu.Unlock()
		return
	}
	s := c.liveLocked()
	c.mu.Unlock()
	if s != nil {
		s.cl.ReconnectNow()
	}
}

// OnBackground tells the client the app is no longer visible. With
// Config.CloseInBackground it closes the session with 1001 "app in background"
// (OnClose final, no OnError; the close runs on a goroutine of its own) and
// OnForeground starts a new one; as at Close, unconfirmed messages get up to
// 2 s to be confirmed, and the rest come back through Listener.OnUnsent. A
// session that already failed is left as it is. Without it (the default) the connection
// is kept and heartbeats keep it alive while the OS lets the app run; an OS
// that suspends the app will break it, and OnForeground then finds out fast.
func (c *Client) OnBackground() {
	if !c.cfg.CloseInBackground {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.liveLocked()
	if c.closed || s == nil {
		return // a session that failed ended on its own, and is not resumed
	}
	c.sess, c.paused = nil, true
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		s.stop(endStatus{code: 1001, reason: "app in background"})
	}()
}

// OnNetworkChange tells the client the network changed or came back (Wi-Fi
// to cellular, airplane mode off). A client waiting out a reconnect delay
// (the first connection's too, with RetryFirstDial) tries at once; an open
// connection is probed, since it may have died with the old network.
// Otherwise it does nothing.
func (c *Client) OnNetworkChange() {
	if s := c.live(); s != nil {
		s.cl.ReconnectNow()
	}
}
