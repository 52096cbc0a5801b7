//go:build js && wasm

package sdk

import (
	"testing"
	"time"
)

// serverHandshakes cannot fetch /stats in js/wasm (Go's net/http has no
// transport under Node), so tests check the client's side only there.
func serverHandshakes(t testing.TB, base, key string) (times []time.Time, ok bool) {
	return nil, false
}
