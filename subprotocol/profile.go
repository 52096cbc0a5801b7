package subprotocol

import "github.com/tetherws/tether/heartbeat"

// Profile says what a client does once a protocol is agreed. Give your own in
// sdk Options.Profiles; the built-in ones ([GraphQLTransportWS], [MQTT]) apply
// unless a profile there has the same name. The zero value has no name, no
// codec and no application heartbeat.
type Profile struct {
	// Name is the subprotocol name the profile applies to, compared
	// case-sensitively: a token, not a credential entry. Empty: invalid in
	// Options.Profiles.
	Name string
	// Codec encodes and decodes application messages. Nil: none; the
	// application handles raw messages.
	Codec Codec
	// Heartbeat holds the protocol's application-level heartbeat messages.
	// Zero: the protocol defines no application heartbeat.
	Heartbeat heartbeat.Messages
}
