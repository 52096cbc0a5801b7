package subprotocol_test

import (
	"errors"
	"fmt"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/subprotocol"
	"github.com/tetherws/tether/transport"
)

func ExampleProfile() {
	chat := subprotocol.Profile{
		Name: "chat.v1",
		// The server answers a text "ping" with "pong".
		Heartbeat: heartbeat.Messages{
			Ping:   func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte("ping")} },
			IsPong: func(m transport.Message) bool { return m.Type != transport.Binary && string(m.Data) == "pong" },
		},
	}
	opts := sdk.DefaultOptions()
	opts.Subprotocols = []string{"chat.v1", "mqtt"}
	opts.Profiles = []subprotocol.Profile{chat} // mqtt keeps its built-in profile
	fmt.Println(opts.Profiles[0].Name, string(opts.Profiles[0].Heartbeat.Ping().Data))
	// Output:
	// chat.v1 ping
}

func ExampleGraphQLTransportWS() {
	profile := subprotocol.GraphQLTransportWS()
	ping := profile.Heartbeat.Ping()
	fmt.Println(profile.Name, string(ping.Data))

	reply, isPing := profile.Heartbeat.Reply(ping)
	fmt.Println(isPing, string(reply.Data), profile.Heartbeat.IsPong(reply))
	// Output:
	// graphql-transport-ws {"type":"ping"}
	// true {"type":"pong"} true
}

func ExampleMQTT() {
	profile := subprotocol.MQTT()
	ping := profile.Heartbeat.Ping()
	fmt.Printf("%s % X binary=%v reply=%v\n", profile.Name, ping.Data, ping.Type == transport.Binary, profile.Heartbeat.Reply != nil)
	// Output:
	// mqtt C0 00 binary=true reply=false
}

func ExampleBearerToken() {
	opts := sdk.DefaultOptions()
	opts.Subprotocols = []string{"v4.channel.k8s.io"}
	// Sent after the protocols, never accepted as the selection, shown as [credential].
	opts.SubprotocolCredentials = []string{subprotocol.BearerToken("my-token")}
	fmt.Println(opts.SubprotocolCredentials[0])
	// Output:
	// base64url.bearer.authorization.k8s.io.bXktdG9rZW4
}

func ExampleMismatchError() {
	// What a client reports when the server selects a protocol it did not offer.
	var err error = &subprotocol.MismatchError{
		Offered:  []string{"chat.v2", "chat.v1", "[credential]"},
		Selected: []string{"chat.v3"},
		Reason:   "server selected a protocol that was not offered",
	}
	var mismatch *subprotocol.MismatchError
	fmt.Println(errors.Is(err, sdk.ErrSubprotocolMismatch), errors.As(err, &mismatch), mismatch.Selected)
	fmt.Println(err)
	// Output:
	// true true [chat.v3]
	// tether: subprotocol mismatch: server selected a protocol that was not offered (offered: chat.v2, chat.v1, [credential]; selected: chat.v3)
}
