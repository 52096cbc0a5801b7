//go:build js && wasm

package sdk

// checkHeader rejects handshake headers: browsers cannot set them.
func checkHeader(h map[string][]string) error {
	if len(h) > 0 {
		return &invalidOptions{field: "Header", err: ErrHeaderUnsupported}
	}
	return nil
}
