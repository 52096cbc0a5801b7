package heartbeat_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// A protocol whose server expects {"type":"ping"}, answers {"type":"pong"},
// and sends its own pings that must be answered.
func jsonMessages() heartbeat.Messages {
	ping := []byte(`{"type":"ping"}`)
	pong := []byte(`{"type":"pong"}`)
	return heartbeat.Messages{
		Ping:   func() transport.Message { return transport.Message{Type: transport.Text, Data: ping} },
		IsPong: func(m transport.Message) bool { return bytes.Equal(m.Data, pong) },
		Reply: func(m transport.Message) (transport.Message, bool) {
			return transport.Message{Type: transport.Text, Data: pong}, bytes.Equal(m.Data, ping)
		},
	}
}

// An application heartbeat for a JSON protocol: a ping after 10 s of
// silence, and only a pong proves the peer alive. Set it as
// sdk.Options.Heartbeat.
func ExampleConfig() {
	cfg := heartbeat.Config{
		Mode:        heartbeat.ModeApplication,
		Interval:    10 * time.Second,
		Timeout:     5 * time.Second,
		Messages:    jsonMessages(),
		RequirePong: true,
	}
	fmt.Println("mode:", cfg.Mode)
	fmt.Printf("ping: %s\n", cfg.Ping().Data)
	fmt.Println("dead after:", cfg.Interval+cfg.Timeout, "of silence at most")
	// Output:
	// mode: application
	// ping: {"type":"ping"}
	// dead after: 15s of silence at most
}

// The defaults: pings after 25 s without proof of life, a dead peer found
// within 40 s (within 85 s while a browser page is hidden).
func ExampleDefaultConfig() {
	cfg := heartbeat.DefaultConfig()
	fmt.Println(cfg.Mode, cfg.Interval, cfg.Timeout)
	fmt.Println("bound:", cfg.Interval+cfg.Timeout)
	hidden := time.Duration(float64(cfg.Timeout) * cfg.HiddenTimeoutFactor)
	fmt.Println("bound while hidden:", cfg.Interval+hidden)
	// Output:
	// auto 25s 15s
	// bound: 40s
	// bound while hidden: 1m25s
}

// The rules a client applies to inbound messages: a pong is heartbeat
// traffic, a server ping gets its answer, anything else is for Receive.
func ExampleMessages() {
	msgs := jsonMessages()
	for _, in := range []string{`{"type":"pong"}`, `{"type":"ping"}`, `{"type":"chat"}`} {
		m := transport.Message{Type: transport.Text, Data: []byte(in)}
		if msgs.IsPong(m) {
			fmt.Println(in, "-> pong")
		} else if reply, ok := msgs.Reply(m); ok {
			fmt.Printf("%s -> answer %s\n", in, reply.Data)
		} else {
			fmt.Println(in, "-> Receive")
		}
	}
	// Output:
	// {"type":"pong"} -> pong
	// {"type":"ping"} -> answer {"type":"pong"}
	// {"type":"chat"} -> Receive
}

// A Config that cannot work is reported before any connection is made.
func Example_invalidConfig() {
	opts := &sdk.Options{Heartbeat: heartbeat.Config{Mode: heartbeat.ModeApplication}} // no Ping
	_, err := sdk.New("ws://example.com/socket", opts)
	fmt.Println(errors.Is(err, sdk.ErrInvalidOptions))
	fmt.Println(err)
	// Output:
	// true
	// tether: invalid options: Heartbeat: invalid heartbeat config: mode application needs a ping message (Config.Ping or the subprotocol profile)
}
