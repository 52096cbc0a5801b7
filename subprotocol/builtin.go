package subprotocol

import (
	"bytes"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/transport"
)

// GraphQLTransportWS returns the profile of graphql-transport-ws (the
// graphql-ws library's protocol): a [JSON] codec (none in builds with the
// tether_small tag) and heartbeats in both directions. The client pings with
// {"type":"ping"} and recognises the server's {"type":"pong"}; a server
// {"type":"ping"} (with or without a payload) is answered with
// {"type":"pong"}. Messages are matched by parsing JSON, never by substring.
func GraphQLTransportWS() Profile {
	return Profile{
		Name:  "graphql-transport-ws",
		Codec: builtinCodec(),
		Heartbeat: heartbeat.Messages{
			Ping:   func() transport.Message { return graphqlMessage("ping") },
			IsPong: func(m transport.Message) bool { return graphqlType(m.Data) == "pong" },
			Reply:  graphqlReply,
		},
	}
}

func graphqlMessage(typ string) transport.Message {
	return transport.Message{Type: transport.Text, Data: []byte(`{"type":"` + typ + `"}`)}
}

func graphqlReply(m transport.Message) (transport.Message, bool) {
	if graphqlType(m.Data) != "ping" {
		return transport.Message{}, false
	}
	return graphqlMessage("pong"), true
}

// graphqlType returns the "type" member of a JSON object, matched exactly
// (encoding/json would match struct fields case-insensitively), or "" when data
// is not such an object. It parses with jsonTypeMember, not encoding/json,
// which would add hundreds of kilobytes to browser builds.
func graphqlType(data []byte) string {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return "" // cheap rejection of non-objects before parsing
	}
	typ, ok := jsonTypeMember(data)
	if !ok {
		return ""
	}
	return typ
}

// MQTT returns the profile of MQTT over WebSocket (name "mqtt", MQTT 3.1.1 and
// 5): no codec, since MQTT packets are binary and the application speaks MQTT
// itself. The ping is a binary PINGREQ (C0 00) and the pong a binary message
// that is exactly PINGRESP (D0 00). MQTT servers never ping clients, so Reply
// is nil. Send pings only after CONNECT and more often than its Keep Alive.
func MQTT() Profile {
	return Profile{
		Name: "mqtt",
		Heartbeat: heartbeat.Messages{
			Ping: func() transport.Message {
				return transport.Message{Type: transport.Binary, Data: []byte{0xC0, 0x00}}
			},
			IsPong: func(m transport.Message) bool {
				return m.Type == transport.Binary && bytes.Equal(m.Data, []byte{0xD0, 0x00})
			},
		},
	}
}
