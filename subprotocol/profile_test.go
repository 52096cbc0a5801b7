package subprotocol

import (
	"slices"
	"testing"

	"github.com/tetherws/tether/transport"
)

func text(s string) transport.Message {
	return transport.Message{Type: transport.Text, Data: []byte(s)}
}

func TestGraphQLTransportWS(t *testing.T) {
	p := GraphQLTransportWS()
	if p.Name != "graphql-transport-ws" || (p.Codec == nil) != (builtinCodec() == nil) {
		t.Fatalf("profile = %+v", p)
	}
	hb := p.Heartbeat
	ping := hb.Ping()
	if ping.Type != transport.Text || string(ping.Data) != `{"type":"ping"}` {
		t.Errorf("Ping() = %+v", ping)
	}
	ping.Data[0] = 'X'
	if string(hb.Ping().Data) != `{"type":"ping"}` {
		t.Error("Ping() returns shared bytes")
	}
	tests := []struct {
		in           string
		pong, isPing bool
	}{
		{`{"type":"pong"}`, true, false},
		{` {"type": "pong", "payload": {"t": 1}}`, true, false},
		{`{"payload":null,"type":"pong"}`, true, false},
		{`{"type":"ping"}`, false, true},
		{`{"type":"ping","payload":{"x":[1,2]}}`, false, true},
		{"\n{\"type\":\"ping\"}\n", false, true},
		{`{"type":"next","payload":{"data":"pong"}}`, false, false},
		{`{"payload":{"type":"pong"}}`, false, false},
		{`{"Type":"pong"}`, false, false},
		{`{"TYPE":"ping"}`, false, false},
		{`{"type":"Pong"}`, false, false},
		{`{"type":null}`, false, false},
		{`{"type":1}`, false, false},
		{`"pong"`, false, false},
		{`["pong"]`, false, false},
		{`{"type":"pong"`, false, false},
		{`pong`, false, false},
		{``, false, false},
	}
	for _, tt := range tests {
		if got := hb.IsPong(text(tt.in)); got != tt.pong {
			t.Errorf("IsPong(%s) = %v, want %v", tt.in, got, tt.pong)
		}
		reply, ok := hb.Reply(text(tt.in))
		if ok != tt.isPing {
			t.Errorf("Reply(%s) ok = %v, want %v", tt.in, ok, tt.isPing)
		}
		if ok && (reply.Type != transport.Text || string(reply.Data) != `{"type":"pong"}`) {
			t.Errorf("Reply(%s) = %+v, want {\"type\":\"pong\"}", tt.in, reply)
		}
	}
}

func TestGraphQLPingAnsweredByOwnReply(t *testing.T) {
	hb := GraphQLTransportWS().Heartbeat
	reply, ok := hb.Reply(hb.Ping())
	if !ok || !hb.IsPong(reply) {
		t.Fatalf("Reply(Ping()) = %+v, %v; want a pong IsPong accepts", reply, ok)
	}
}

func TestMQTT(t *testing.T) {
	p := MQTT()
	if p.Name != "mqtt" || p.Codec != nil || p.Heartbeat.Reply != nil {
		t.Fatalf("profile = %+v", p)
	}
	ping := p.Heartbeat.Ping()
	if ping.Type != transport.Binary || !slices.Equal(ping.Data, []byte{0xC0, 0x00}) {
		t.Errorf("Ping() = %+v, want binary C0 00", ping)
	}
	tests := []struct {
		m    transport.Message
		want bool
	}{
		{transport.Message{Type: transport.Binary, Data: []byte{0xD0, 0x00}}, true},
		{transport.Message{Type: transport.Text, Data: []byte{0xD0, 0x00}}, false},
		{transport.Message{Type: transport.Binary, Data: []byte{0xC0, 0x00}}, false},
		{transport.Message{Type: transport.Binary, Data: []byte{0xD0}}, false},
		{transport.Message{Type: transport.Binary, Data: []byte{0xD0, 0x00, 0x00}}, false},
		{transport.Message{Type: transport.Binary}, false},
	}
	for _, tt := range tests {
		if got := p.Heartbeat.IsPong(tt.m); got != tt.want {
			t.Errorf("IsPong(%+v) = %v, want %v", tt.m, got, tt.want)
		}
	}
}
