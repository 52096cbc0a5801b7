//go:build js && wasm

package sdk

// waitOnline reports true at once for now; the browser's offline handling
// lives in the heartbeat integration.
func (c *Client) waitOnline() bool { return true }
