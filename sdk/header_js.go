//go:build js && wasm

package sdk

import "github.com/tetherws/tether/internal/wserr"

// checkHeader rejects handshake headers: browsers cannot set them.
func checkHeader(h map[string][]string) error {
	if len(h) > 0 {
		return &invalidOptions{field: "Header", err: wserr.ErrHeaderUnsupported}
	}
	return nil
}
