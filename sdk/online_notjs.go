//go:build !js

package sdk

// pageSignals is empty natively: there is no page to watch.
type pageSignals struct{}

// waitOnline reports true at once: native programs have no online signal
// (mobile apps call ReconnectNow on a network change).
func (c *Client) waitOnline() bool { return true }

func (c *Client) startPlatform() {}
