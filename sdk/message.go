package sdk

import (
	"unicode/utf8"

	"github.com/tetherws/tether/internal/errfmt"
	"github.com/tetherws/tether/transport"
)

// validateMessage reports a message the client must not send.
func validateMessage(m transport.Message) error {
	switch m.Type {
	case transport.Binary:
		return nil
	case transport.Text:
		if !utf8.Valid(m.Data) {
			return ErrInvalidUTF8
		}
		return nil
	}
	return errfmt.Errorf("%w: message type %d", ErrInvalidArgument, int(m.Type))
}
