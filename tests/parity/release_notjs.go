//go:build !js

package parity

import (
	"context"
	"fmt"
	"net/http"
)

// Release asks the parity server to complete a held handshake (GET url).
func Release(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("GET /release: %s", resp.Status)
	}
	return nil
}
