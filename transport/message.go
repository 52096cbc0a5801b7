package transport

import "strconv"

// MessageType is the type of a WebSocket data message; values are the RFC 6455 opcodes.
type MessageType int

const (
	// Text is a UTF-8 text message (opcode 1).
	Text MessageType = 1
	// Binary is a binary message (opcode 2).
	Binary MessageType = 2
)

// String returns "text", "binary" or "MessageType(N)".
func (t MessageType) String() string {
	switch t {
	case Text:
		return "text"
	case Binary:
		return "binary"
	}
	return "MessageType(" + strconv.Itoa(int(t)) + ")"
}

// Message is one WebSocket data message: the one type every layer uses, from
// the transports through the sdk and its heartbeat settings to the facades.
// The zero value is not a valid message (its Type is 0); use TextMessage or
// BinaryMessage.
type Message struct {
	Type MessageType
	Data []byte
}

// TextMessage returns a text message holding s.
func TextMessage(s string) Message { return Message{Type: Text, Data: []byte(s)} }

// BinaryMessage returns a binary message holding b (not copied).
func BinaryMessage(b []byte) Message { return Message{Type: Binary, Data: b} }

// Text returns the message data as a string.
func (m Message) Text() string { return string(m.Data) }
