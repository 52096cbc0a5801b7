package subprotocol

// Codec encodes and decodes the application messages of a protocol. A nil
// Codec in a [Profile] means the protocol defines none; the application handles
// raw messages. Implementations must be safe for concurrent use.
type Codec interface {
	// Encode turns v into one message; binary reports its frame type.
	Encode(v any) (binary bool, data []byte, err error)
	// Decode stores the message (binary reports its frame type) into v.
	Decode(binary bool, data []byte, v any) error
}
