package sdk

import (
	"unicode/utf8"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/transport"
)

// MessageType is the type of a data message; the values are the RFC 6455 opcodes.
type MessageType int

const (
	// MessageText is a UTF-8 text message.
	MessageText MessageType = 1
	// MessageBinary is a binary message.
	MessageBinary MessageType = 2
)

// String returns "text", "binary" or "MessageType(N)".
func (t MessageType) String() string {
	switch t {
	case MessageText:
		return "text"
	case MessageBinary:
		return "binary"
	}
	return errfmt.Sprintf("MessageType(%d)", int(t))
}

// Message is one WebSocket data message. The zero value is not a valid message
// (its Type is 0); use TextMessage or BinaryMessage.
type Message struct {
	Type MessageType
	Data []byte
}

// TextMessage returns a text message holding s.
func TextMessage(s string) Message { return Message{Type: MessageText, Data: []byte(s)} }

// BinaryMessage returns a binary message holding b (not copied).
func BinaryMessage(b []byte) Message { return Message{Type: MessageBinary, Data: b} }

// Text returns the message data as a string.
func (m Message) Text() string { return string(m.Data) }

// validate reports a message the client must not send.
func (m Message) validate() error {
	switch m.Type {
	case MessageBinary:
		return nil
	case MessageText:
		if !utf8.Valid(m.Data) {
			return ErrInvalidUTF8
		}
		return nil
	}
	return errfmt.Errorf("%w: %d", ErrInvalidMessageType, int(m.Type))
}

func (m Message) transportType() transport.MessageType { return transport.MessageType(m.Type) }
