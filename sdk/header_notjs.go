//go:build !js

package sdk

// checkHeader rejects handshake headers that cannot be sent (see
// checkHeaderFields).
func checkHeader(h map[string][]string) error { return checkHeaderFields(h) }
