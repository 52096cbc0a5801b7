package heartbeat

import (
	"errors"
	"math"
	"testing"
	"time"
)

func textMsg(s string) Message { return Message{Data: []byte(s)} }

// fixed returns a Ping builder that sends s.
func fixed(s string) func() Message { return func() Message { return textMsg(s) } }

// equals returns an IsPong matcher for s.
func equals(s string) func(Message) bool {
	return func(m Message) bool { return string(m.Data) == s }
}

// answer returns a Reply rule answering in with out.
func answer(in, out string) func(Message) (Message, bool) {
	return func(m Message) (Message, bool) { return textMsg(out), string(m.Data) == in }
}

func TestResolve(t *testing.T) {
	profile := Messages{Ping: fixed("p-ping"), IsPong: equals("p-pong"), Reply: answer("p-sping", "p-spong")}
	user := Messages{Ping: fixed("u-ping"), IsPong: equals("u-pong"), Reply: answer("u-sping", "u-spong")}
	tests := []struct {
		name     string
		cfg      Config
		profile  Messages
		protocol bool // transport can send ping frames
		mode     Mode
		ping     string // "" means Plan.Ping must be nil
		pong     string // "" means Plan.IsPong must be nil
		reply    string // "" means Plan.Reply must be nil
		err      error
	}{
		{name: "auto native no messages", protocol: true, mode: ModeProtocol},
		{name: "auto js no messages", mode: ModeOff},
		{name: "auto js profile", profile: profile, mode: ModeApplication, ping: "p-ping", pong: "p-pong", reply: "p-spong"},
		{name: "auto native profile beats protocol", profile: profile, protocol: true, mode: ModeApplication, ping: "p-ping", pong: "p-pong", reply: "p-spong"},
		{name: "auto js user ping", cfg: Config{Messages: Messages{Ping: fixed("u-ping")}}, mode: ModeApplication, ping: "u-ping"},
		{name: "user wins field by field", cfg: Config{Messages: Messages{Ping: fixed("u-ping")}}, profile: profile, mode: ModeApplication, ping: "u-ping", pong: "p-pong", reply: "p-spong"},
		{name: "user overrides all", cfg: Config{Messages: user}, profile: profile, mode: ModeApplication, ping: "u-ping", pong: "u-pong", reply: "u-spong"},
		{name: "user reply only", cfg: Config{Messages: Messages{Reply: user.Reply}}, profile: profile, mode: ModeApplication, ping: "p-ping", pong: "p-pong", reply: "u-spong"},
		{name: "auto native reply only", cfg: Config{Messages: Messages{Reply: user.Reply}}, protocol: true, mode: ModeProtocol, reply: "u-spong"},
		{name: "application needs ping", cfg: Config{Mode: ModeApplication}, protocol: true, err: ErrInvalidConfig},
		{name: "application js profile", cfg: Config{Mode: ModeApplication}, profile: profile, mode: ModeApplication, ping: "p-ping", pong: "p-pong", reply: "p-spong"},
		{name: "protocol native keeps reply", cfg: Config{Mode: ModeProtocol}, profile: profile, protocol: true, mode: ModeProtocol, reply: "p-spong"},
		{name: "protocol js", cfg: Config{Mode: ModeProtocol}, profile: profile, err: ErrProtocolPingUnsupported},
		{name: "off keeps reply", cfg: Config{Mode: ModeOff, Messages: user}, protocol: true, mode: ModeOff, reply: "u-spong"},
		{name: "off js", cfg: Config{Mode: ModeOff}, mode: ModeOff},
		{name: "unknown mode", cfg: Config{Mode: ModeOff + 1}, protocol: true, err: ErrInvalidConfig},
		{name: "negative mode", cfg: Config{Mode: -1}, protocol: true, err: ErrInvalidConfig},
		{name: "negative interval", cfg: Config{Interval: -time.Second}, protocol: true, err: ErrInvalidConfig},
		{name: "negative timeout", cfg: Config{Timeout: -time.Second}, protocol: true, err: ErrInvalidConfig},
		{name: "factor below one", cfg: Config{HiddenTimeoutFactor: 0.5}, protocol: true, err: ErrInvalidConfig},
		{name: "negative factor", cfg: Config{HiddenTimeoutFactor: -2}, protocol: true, err: ErrInvalidConfig},
		{name: "NaN factor", cfg: Config{HiddenTimeoutFactor: math.NaN()}, protocol: true, err: ErrInvalidConfig},
		{name: "infinite factor", cfg: Config{HiddenTimeoutFactor: math.Inf(1)}, protocol: true, err: ErrInvalidConfig},
		{name: "require pong without matcher", cfg: Config{RequirePong: true, Messages: Messages{Ping: fixed("u-ping")}}, err: ErrInvalidConfig},
		{name: "require pong protocol", cfg: Config{RequirePong: true}, protocol: true, mode: ModeProtocol},
		{name: "require pong off", cfg: Config{RequirePong: true, Mode: ModeOff}, mode: ModeOff},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.cfg.Resolve(tt.profile, tt.protocol)
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
func checkMessages(t *testing.T, m Messages, ping, pong, reply string) {
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

func describePing(m Messages) string {
	if m.Ping == nil {
		return ""
	}
	return string(m.Ping().Data)
}

func describePong(m Messages) string {
	for _, s := range []string{"p-pong", "u-pong"} {
		if m.IsPong != nil && m.IsPong(textMsg(s)) {
			return s
		}
	}
	return ""
}

func describeReply(m Messages) string {
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
	p, err := Config{}.Resolve(Messages{}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := Plan{Mode: ModeProtocol, Interval: DefaultInterval, Timeout: DefaultTimeout, HiddenTimeoutFactor: DefaultHiddenTimeoutFactor}
	if p.Interval != want.Interval || p.Timeout != want.Timeout || p.HiddenTimeoutFactor != want.HiddenTimeoutFactor || p.Mode != want.Mode {
		t.Errorf("plan = %+v, want %+v", p, want)
	}
	if p.RequirePong || p.DeliverPongs {
		t.Errorf("RequirePong/DeliverPongs = %v/%v, want false/false", p.RequirePong, p.DeliverPongs)
	}
}

func TestResolveKeepsSettings(t *testing.T) {
	cfg := Config{Interval: time.Second, Timeout: 2 * time.Second, HiddenTimeoutFactor: 1.5,
		RequirePong: true, DeliverPongs: true, Messages: Messages{Ping: fixed("a"), IsPong: equals("b")}}
	p, err := cfg.Resolve(Messages{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if p.Interval != time.Second || p.Timeout != 2*time.Second || p.HiddenTimeoutFactor != 1.5 || !p.RequirePong || !p.DeliverPongs {
		t.Errorf("plan = %+v", p)
	}
}

func TestDefaultConfig(t *testing.T) {
	a := DefaultConfig()
	if a.Mode != ModeAuto || a.Interval != DefaultInterval || a.Timeout != DefaultTimeout || a.HiddenTimeoutFactor != DefaultHiddenTimeoutFactor {
		t.Errorf("DefaultConfig() = %+v", a)
	}
	a.Interval = time.Hour
	if DefaultConfig().Interval != DefaultInterval {
		t.Error("DefaultConfig shares state between calls")
	}
	// The documented detection bound stays below nginx's 60 s idle cut.
	if DefaultInterval+DefaultTimeout >= 60*time.Second {
		t.Errorf("default detection bound %v, want < 60s", DefaultInterval+DefaultTimeout)
	}
}

func TestStrings(t *testing.T) {
	tests := []struct{ got, want string }{
		{ModeAuto.String(), "auto"}, {ModeApplication.String(), "application"},
		{ModeProtocol.String(), "protocol"}, {ModeOff.String(), "off"}, {Mode(9).String(), "Mode(9)"},
		{ActionNone.String(), "none"}, {ActionPing.String(), "ping"}, {ActionDead.String(), "dead"},
		{Action(-1).String(), "Action(-1)"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
