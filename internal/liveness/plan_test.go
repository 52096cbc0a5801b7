package liveness

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/transport"
)

func textMsg(s string) transport.Message {
	return transport.Message{Type: transport.Text, Data: []byte(s)}
}

// fixed returns a Ping builder that sends s.
func fixed(s string) func() transport.Message { return func() transport.Message { return textMsg(s) } }

// equals returns an IsPong matcher for s.
func equals(s string) func(transport.Message) bool {
	return func(m transport.Message) bool { return string(m.Data) == s }
}

// answer returns a Reply rule answering in with out.
func answer(in, out string) func(transport.Message) (transport.Message, bool) {
	return func(m transport.Message) (transport.Message, bool) { return textMsg(out), string(m.Data) == in }
}

func TestResolve(t *testing.T) {
	profile := heartbeat.Messages{Ping: fixed("p-ping"), IsPong: equals("p-pong"), Reply: answer("p-sping", "p-spong")}
	user := heartbeat.Messages{Ping: fixed("u-ping"), IsPong: equals("u-pong"), Reply: answer("u-sping", "u-spong")}
	tests := []struct {
		name     string
		cfg      heartbeat.Config
		profile  heartbeat.Messages
		protocol bool // transport can send ping frames
		mode     heartbeat.Mode
		ping     string // "" means Plan.Ping must be nil
		pong     string // "" means Plan.IsPong must be nil
		reply    string // "" means Plan.Reply must be nil
		err      error
	}{
		{name: "auto native no messages", protocol: true, mode: heartbeat.ModeProtocol},
		{name: "auto js no messages", mode: heartbeat.ModeOff},
		{name: "auto js profile", profile: profile, mode: heartbeat.ModeApplication, ping: "p-ping", pong: "p-pong", reply: "p-spong"},
		{name: "auto native profile beats protocol", profile: profile, protocol: true, mode: heartbeat.ModeApplication, ping: "p-ping", pong: "p-pong", reply: "p-spong"},
		{name: "auto js user ping", cfg: heartbeat.Config{Messages: heartbeat.Messages{Ping: fixed("u-ping")}}, mode: heartbeat.ModeApplication, ping: "u-ping"},
		{name: "user wins field by field", cfg: heartbeat.Config{Messages: heartbeat.Messages{Ping: fixed("u-ping")}}, profile: profile, mode: heartbeat.ModeApplication, ping: "u-ping", pong: "p-pong", reply: "p-spong"},
		{name: "user overrides all", cfg: heartbeat.Config{Messages: user}, profile: profile, mode: heartbeat.ModeApplication, ping: "u-ping", pong: "u-pong", reply: "u-spong"},
		{name: "user reply only", cfg: heartbeat.Config{Messages: heartbeat.Messages{Reply: user.Reply}}, profile: profile, mode: heartbeat.ModeApplication, ping: "p-ping", pong: "p-pong", reply: "u-spong"},
		{name: "auto native reply only", cfg: heartbeat.Config{Messages: heartbeat.Messages{Reply: user.Reply}}, protocol: true, mode: heartbeat.ModeProtocol, reply: "u-spong"},
		{name: "application needs ping", cfg: heartbeat.Config{Mode: heartbeat.ModeApplication}, protocol: true, err: ErrInvalidConfig},
		{name: "application js profile", cfg: heartbeat.Config{Mode: heartbeat.ModeApplication}, profile: profile, mode: heartbeat.ModeApplication, ping: "p-ping", pong: "p-pong", reply: "p-spong"},
		{name: "protocol native keeps reply", cfg: heartbeat.Config{Mode: heartbeat.ModeProtocol}, profile: profile, protocol: true, mode: heartbeat.ModeProtocol, reply: "p-spong"},
		{name: "protocol js", cfg: heartbeat.Config{Mode: heartbeat.ModeProtocol}, profile: profile, err: ErrProtocolPingUnsupported},
		{name: "off keeps reply", cfg: heartbeat.Config{Mode: heartbeat.ModeOff, Messages: user}, protocol: true, mode: heartbeat.ModeOff, reply: "u-spong"},
		{name: "off js", cfg: heartbeat.Config{Mode: heartbeat.ModeOff}, mode: heartbeat.ModeOff},
		{name: "unknown mode", cfg: heartbeat.Config{Mode: heartbeat.ModeOff + 1}, protocol: true, err: ErrInvalidConfig},
		{name: "negative mode", cfg: heartbeat.Config{Mode: -1}, protocol: true, err: ErrInvalidConfig},
		{name: "negative interval", cfg: heartbeat.Config{Interval: -time.Second}, protocol: true, err: ErrInvalidConfig},
		{name: "negative timeout", cfg: heartbeat.Config{Timeout: -time.Second}, protocol: true, err: ErrInvalidConfig},
		{name: "factor below one", cfg: heartbeat.Config{HiddenTimeoutFactor: 0.5}, protocol: true, err: ErrInvalidConfig},
		{name: "negative factor", cfg: heartbeat.Config{HiddenTimeoutFactor: -2}, protocol: true, err: ErrInvalidConfig},
		{name: "NaN factor", cfg: heartbeat.Config{HiddenTimeoutFactor: math.NaN()}, protocol: true, err: ErrInvalidConfig},
		{name: "infinite factor", cfg: heartbeat.Config{HiddenTimeoutFactor: math.Inf(1)}, protocol: true, err: ErrInvalidConfig},
		{name: "require pong without matcher", cfg: heartbeat.Config{RequirePong: true, Messages: heartbeat.Messages{Ping: fixed("u-ping")}}, err: ErrInvalidConfig},
		{name: "require pong protocol", cfg: heartbeat.Config{RequirePong: true}, protocol: true, mode: heartbeat.ModeProtocol},
		{name: "require pong off", cfg: heartbeat.Config{RequirePong: true, Mode: heartbeat.ModeOff}, mode: heartbeat.ModeOff},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Resolve(tt.cfg, tt.profile, tt.protocol)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if p.Mode != tt.mode {
				t.Errorf("mode = %v, want %v", p.Mode, tt.mode)
			}
			checkMessages(t, p.Messages, tt.ping, tt.pong, tt.reply)
		})
	}
}

// checkMessages identifies each function by what it produces or matches.
func checkMessages(t *testing.T, m heartbeat.Messages, ping, pong, reply string) {
	t.Helper()
	if got := describePing(m); got != ping {
		t.Errorf("ping = %q, want %q", got, ping)
	}
	if got := describePong(m); got != pong {
		t.Errorf("pong = %q, want %q", got, pong)
	}
	if got := describeReply(m); got != reply {
		t.Errorf("reply = %q, want %q", got, reply)
	}
}

func describePing(m heartbeat.Messages) string {
	if m.Ping == nil {
		return ""
	}
	return string(m.Ping().Data)
}

func describePong(m heartbeat.Messages) string {
	for _, s := range []string{"p-pong", "u-pong"} {
		if m.IsPong != nil && m.IsPong(textMsg(s)) {
			return s
		}
	}
	return ""
}

func describeReply(m heartbeat.Messages) string {
	for _, s := range []string{"p-sping", "u-sping"} {
		if m.Reply == nil {
			break
		}
		if out, ok := m.Reply(textMsg(s)); ok {
			return string(out.Data)
		}
	}
	return ""
}

func TestResolveDefaults(t *testing.T) {
	p, err := Resolve(heartbeat.Config{}, heartbeat.Messages{}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := Plan{Mode: heartbeat.ModeProtocol, Interval: heartbeat.DefaultConfig().Interval, Timeout: heartbeat.DefaultConfig().Timeout, HiddenTimeoutFactor: heartbeat.DefaultConfig().HiddenTimeoutFactor}
	if p.Interval != want.Interval || p.Timeout != want.Timeout || p.HiddenTimeoutFactor != want.HiddenTimeoutFactor || p.Mode != want.Mode {
		t.Errorf("plan = %+v, want %+v", p, want)
	}
	if p.RequirePong || p.DeliverPongs {
		t.Errorf("RequirePong/DeliverPongs = %v/%v, want false/false", p.RequirePong, p.DeliverPongs)
	}
}

func TestResolveKeepsSettings(t *testing.T) {
	cfg := heartbeat.Config{Interval: time.Second, Timeout: 2 * time.Second, HiddenTimeoutFactor: 1.5,
		RequirePong: true, DeliverPongs: true, Messages: heartbeat.Messages{Ping: fixed("a"), IsPong: equals("b")}}
	p, err := Resolve(cfg, heartbeat.Messages{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if p.Interval != time.Second || p.Timeout != 2*time.Second || p.HiddenTimeoutFactor != 1.5 || !p.RequirePong || !p.DeliverPongs {
		t.Errorf("plan = %+v", p)
	}
}

func TestActionStrings(t *testing.T) {
	tests := []struct{ got, want string }{
		{ActionNone.String(), "none"}, {ActionPing.String(), "ping"}, {ActionDead.String(), "dead"},
		{Action(-1).String(), "Action(-1)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
