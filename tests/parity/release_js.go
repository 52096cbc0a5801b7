//go:build js && wasm

package parity

import (
	"context"
	"errors"
	"strconv"
	"syscall/js"
)

// Release asks the parity server to complete a held handshake, with the
// host's fetch (net/http does not reach the network under Node).
func Release(ctx context.Context, url string) error {
	done := make(chan error, 2)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if st := args[0].Get("status").Int(); st != 204 {
			done <- errors.New("GET /release: status " + strconv.Itoa(st))
		} else {
			done <- nil
		}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- errors.New("fetch: " + args[0].Call("toString").String())
		return nil
	})
	js.Global().Call("fetch", url).Call("then", then, fail)
	select {
	case err := <-done:
		then.Release()
		fail.Release()
		return err
	case <-ctx.Done():
		return ctx.Err() // the functions stay: fetch may still call one
	}
}
