//go:build !tether_small

package subprotocol_test

import (
	"fmt"

	"github.com/tetherws/tether/subprotocol"
)

func ExampleNewRegistry() {
	registry := subprotocol.NewRegistry()
	err := registry.Register(subprotocol.Profile{Name: "chat.v1", Codec: subprotocol.JSON()})
	fmt.Println(err, registry.Names())

	profile, ok := registry.Lookup("graphql-transport-ws")
	ping := profile.Heartbeat.Ping()
	fmt.Println(ok, string(ping.Data))

	reply, isPing := profile.Heartbeat.Reply(ping)
	fmt.Println(isPing, string(reply.Data), profile.Heartbeat.IsPong(reply))
	// Output:
	// <nil> [chat.v1 graphql-transport-ws mqtt]
	// true {"type":"ping"}
	// true {"type":"pong"} true
}
