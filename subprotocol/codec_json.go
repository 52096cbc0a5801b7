//go:build !tether_small

package subprotocol

import (
	"encoding/json"

	"github.com/tetherws/tether/internal/errfmt"
)

// JSON returns a Codec that encodes values as JSON text messages with
// encoding/json. It decodes both text and binary messages, since some servers
// send JSON in binary frames. Errors wrap the encoding/json error.
func JSON() Codec { return jsonCodec{} }

type jsonCodec struct{}

func (jsonCodec) Encode(v any) (bool, []byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return false, nil, errfmt.Errorf("tether: json codec: %w", err)
	}
	return false, data, nil
}

func (jsonCodec) Decode(_ bool, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return errfmt.Errorf("tether: json codec: %w", err)
	}
	return nil
}

// builtinCodec is the codec of the built-in JSON profiles.
func builtinCodec() Codec { return JSON() }
