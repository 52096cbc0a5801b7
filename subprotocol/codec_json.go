package subprotocol

import "github.com/tetherws/tether/internal/errfmt"

// JSON returns a Codec that encodes values as JSON text messages with
// encoding/json. It decodes both text and binary messages, since some servers
// send JSON in binary frames. Errors wrap the encoding/json error.
//
// Builds with the tether_small tag (the browser shim's, web/build.sh) leave
// encoding/json out of the binary: there JSON's Encode and Decode fail with
// an error wrapping [errors.ErrUnsupported], and the built-in profiles carry
// no codec.
func JSON() Codec { return jsonCodec{} }

type jsonCodec struct{}

func (jsonCodec) Encode(v any) (bool, []byte, error) {
	data, err := marshalJSON(v)
	if err != nil {
		return false, nil, errfmt.Errorf("tether: json codec: %w", err)
	}
	return false, data, nil
}

func (jsonCodec) Decode(_ bool, data []byte, v any) error {
	if err := unmarshalJSON(data, v); err != nil {
		return errfmt.Errorf("tether: json codec: %w", err)
	}
	return nil
}
