package subprotocol

import (
	"encoding/json"
	"fmt"
)

// Codec encodes and decodes the application messages of a protocol. A nil
// Codec in a [Profile] means the protocol defines none; the application handles
// raw messages. Implementations must be safe for concurrent use.
type Codec interface {
	// Encode turns v into one message; binary reports its frame type.
	Encode(v any) (binary bool, data []byte, err error)
	// Decode stores the message (binary reports its frame type) into v.
	Decode(binary bool, data []byte, v any) error
}

// JSON returns a Codec that encodes values as JSON text messages with
// encoding/json. It decodes both text and binary messages, since some servers
// send JSON in binary frames. Errors wrap the encoding/json error.
func JSON() Codec { return jsonCodec{} }

type jsonCodec struct{}

func (jsonCodec) Encode(v any) (bool, []byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return false, nil, fmt.Errorf("tether: json codec: %w", err)
	}
	return false, data, nil
}

func (jsonCodec) Decode(_ bool, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("tether: json codec: %w", err)
	}
	return nil
}
