//go:build tether_small

package subprotocol

import (
	"errors"

	"github.com/tetherws/tether/internal/errfmt"
)

// In builds with the tether_small tag (the browser shim's, whose JavaScript
// encodes its own messages) encoding/json stays out of the binary: importing
// it links its package initialisation, fmt and os (about 100 KB of wasm) even
// when JSON is never called.

func marshalJSON(any) ([]byte, error) { return nil, errJSONLeftOut() }

func unmarshalJSON([]byte, any) error { return errJSONLeftOut() }

func errJSONLeftOut() error {
	return errfmt.Errorf("encoding/json is left out of builds with the tether_small tag: %w", errors.ErrUnsupported)
}

// builtinCodec is nil: the built-in profiles carry no Codec.
func builtinCodec() Codec { return nil }
