//go:build !js

package mobile

// App lifecycle hooks. Call them from the platform's callbacks (Android:
// ProcessLifecycleOwner ON_START / ON_STOP and ConnectivityManager.NetworkCallback;
// iOS: UIApplication.willEnterForeground / didEnterBackground notifications and
// NWPathMonitor). Each may be called in every state, from any thread, as often
// as the platform reports; none blocks.

// OnForeground tells the client the app is visible again. A client that
// OnBackground closed (CloseInBackground) connects again (ConnectAsync). An
// open connection is probed at once: a ping goes out now, so a connection that
// died while the app was suspended is detected within HeartbeatTimeoutMillis
// instead of after the idle interval. A client waiting out a reconnect delay
// tries now. Otherwise it does nothing.
func (c *Client) OnForeground() {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	if c.paused {
		c.paused = false
		if c.sess == nil {
			_, _ = c.startLocked(nil, true) // reported to the Listener
		} else {
			c.resume = true // the background close still runs; reopen after it
		}
		c.mu.Unlock()
		return
	}
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.nudge()
	}
}

// OnBackground tells the client the app is no longer visible. With
// Config.CloseInBackground it closes the session with 1001 "app in background"
// (OnClose final, no OnError) and OnForeground reopens it; messages queued with
// Enqueue* come back through OnUnsent. Without it (the default) the connection
// is kept and heartbeats keep it alive while the OS lets the app run; an OS
// that suspends the app will break it, and OnForeground then finds out fast.
func (c *Client) OnBackground() {
	if !c.cfg.CloseInBackground {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sess
	if c.closed || s == nil || s.ended() {
		return // a session that failed ends on its own, and is not resumed
	}
	c.paused, c.resume = true, false
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		s.stop(1001, "app in background")
	}()
}

// OnNetworkChange tells the client the network changed or came back (Wi-Fi
// to cellular, airplane mode off). A client waiting out a reconnect delay
// tries at once; an open connection is probed, since it may have died with the
// old network. Otherwise it does nothing.
func (c *Client) OnNetworkChange() {
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.nudge()
	}
}
