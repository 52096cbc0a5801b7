//go:build !js

package sdk

// waitOnline reports true at once: native programs have no online signal.
func (c *Client) waitOnline() bool { return true }
