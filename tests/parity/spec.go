package parity

import (
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

//go:embed expected.json
var specJSON []byte

// Modes are the two settings a scenario runs with.
const (
	Explicit = "explicit"
	Defaults = "defaults"
)

// Modes lists them in the order the matrix prints them.
var Modes = []string{Explicit, Defaults}

// Spec is expected.json.
type Spec struct {
	Settings struct {
		Explicit struct {
			Reconnect struct {
				InitialDelayMs, MaxDelayMs, MaxAttempts int
				RetryFirstDial                          bool
			}
			HandshakeTimeoutMs int
			OutboxMaxMessages  int
			Heartbeat          struct{ IntervalMs, TimeoutMs int }
		}
		AppHeartbeat struct{ Ping, Pong string }
		BoundSeconds map[string]int
	}
	BrowserLimits []Limit
	Scenarios     []Scenario
}

// Limit is one browser limit: the js targets may show To where the others show From.
type Limit struct {
	Limit    string
	From, To string
}

// Scenario is one row of the matrix.
type Scenario struct {
	ID        int
	Name      string
	Path      string
	Protocols []string
	// Refused: connect to a port nothing listens on.
	Refused bool
	// AppHeartbeat: configure the application ping and pong (both modes).
	AppHeartbeat bool
	// RetryFirstDial names the mode that turns it on ("explicit"), if any.
	RetryFirstDial string
	// Plan lists the messages to send on each open, in order of opens; the
	// run is done once the last planned open's messages have come back.
	Plan [][]string
	// WhileReconnecting are sent once, when a connection is lost and a
	// reconnect follows (the server holds the next handshake until
	// they have been handed to the client).
	WhileReconnecting []string
	Expect            map[string]string
}

// LoadSpec parses the embedded expected.json.
func LoadSpec() (*Spec, error) {
	var s Spec
	if err := json.Unmarshal(specJSON, &s); err != nil {
		return nil, fmt.Errorf("expected.json: %w", err)
	}
	return &s, nil
}

// Settings are one run's client settings; a zero field means the target's default.
type Settings struct {
	Mode                   string
	Protocols              []string
	InitialDelay, MaxDelay time.Duration
	MaxAttempts            int
	RetryFirstDial         bool
	HandshakeTimeout       time.Duration
	OutboxMaxMessages      int
	// Ping and Pong are set for an application heartbeat; Interval and
	// Timeout only in the explicit mode.
	Ping, Pong                          string
	HeartbeatInterval, HeartbeatTimeout time.Duration
}

// RunSettings returns the settings of scenario sc in mode.
func (s *Spec) RunSettings(sc Scenario, mode string) Settings {
	st := Settings{Mode: mode, Protocols: sc.Protocols}
	if sc.AppHeartbeat {
		st.Ping, st.Pong = s.Settings.AppHeartbeat.Ping, s.Settings.AppHeartbeat.Pong
	}
	if mode != Explicit {
		return st
	}
	e := s.Settings.Explicit
	st.InitialDelay = ms(e.Reconnect.InitialDelayMs)
	st.MaxDelay = ms(e.Reconnect.MaxDelayMs)
	st.MaxAttempts = e.Reconnect.MaxAttempts
	st.RetryFirstDial = e.Reconnect.RetryFirstDial || sc.RetryFirstDial == mode
	st.HandshakeTimeout = ms(e.HandshakeTimeoutMs)
	st.OutboxMaxMessages = e.OutboxMaxMessages
	if sc.AppHeartbeat {
		st.HeartbeatInterval, st.HeartbeatTimeout = ms(e.Heartbeat.IntervalMs), ms(e.Heartbeat.TimeoutMs)
	}
	return st
}

// Bound is how long a run in mode may take before it counts as unfinished.
func (s *Spec) Bound(mode string) time.Duration {
	return time.Duration(s.Settings.BoundSeconds[mode]) * time.Second
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// Server is where a running parity-server.mjs listens.
type Server struct {
	Host    string // 127.0.0.1
	Ports   []int  // every port serves every route
	Refused int    // a port nothing listens on
}

// URL returns the WebSocket URL of sc for the run with key, on the i-th port.
func (s Server) URL(sc Scenario, key string, i int) string {
	port := s.Ports[i%len(s.Ports)]
	if sc.Refused {
		port = s.Refused
	}
	sep := "?"
	if strings.Contains(sc.Path, "?") {
		sep = "&"
	}
	return "ws://" + s.Host + ":" + strconv.Itoa(port) + sc.Path + sep + "key=" + key
}

// ReleaseURL returns the URL that lets the held handshake of key complete.
func (s Server) ReleaseURL(key string) string {
	return "http://" + s.Host + ":" + strconv.Itoa(s.Ports[0]) + "/release?key=" + key
}

// ParseServerLine parses the server's first stdout line:
// "ports P1 P2 … refused R".
func ParseServerLine(line string) (Server, error) {
	f := strings.Fields(line)
	srv := Server{Host: "127.0.0.1"}
	if len(f) < 4 || f[0] != "ports" || f[len(f)-2] != "refused" {
		return srv, fmt.Errorf("first line %q is not \"ports P… refused R\"", line)
	}
	for _, p := range append(f[1:len(f)-2], f[len(f)-1]) {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return srv, fmt.Errorf("first line %q: %q is not a port", line, p)
		}
		srv.Ports = append(srv.Ports, n)
	}
	srv.Refused = srv.Ports[len(srv.Ports)-1]
	srv.Ports = srv.Ports[:len(srv.Ports)-1]
	return srv, nil
}

// Msg is a message a scenario sends and expects back.
type Msg struct {
	Binary bool
	Data   []byte
}

// ParseMsg parses "text:…" or "binary:HEX".
func ParseMsg(s string) (Msg, error) {
	kind, data, ok := strings.Cut(s, ":")
	switch {
	case ok && kind == "text":
		return Msg{Data: []byte(data)}, nil
	case ok && kind == "binary":
		b, err := hex.DecodeString(data)
		return Msg{Binary: true, Data: b}, err
	}
	return Msg{}, fmt.Errorf("message %q is neither text:… nor binary:HEX", s)
}

// MustMsgs parses a list of messages from expected.json, panicking on a bad
// one (the embedded file is checked by TestSpec).
func MustMsgs(list []string) []Msg {
	out := make([]Msg, len(list))
	for i, s := range list {
		m, err := ParseMsg(s)
		if err != nil {
			panic(err)
		}
		out[i] = m
	}
	return out
}

func (m Msg) typ() string {
	if m.Binary {
		return "binary"
	}
	return "text"
}

// Allowed returns the outcomes a target may show for expected: expected
// itself, and on js targets also expected with every browser limit applied.
func (s *Spec) Allowed(expected string, js bool) []string {
	out := []string{expected}
	if !js {
		return out
	}
	limited := expected
	for _, l := range s.BrowserLimits {
		if l.From != "" {
			limited = strings.ReplaceAll(limited, l.From, l.To)
		}
	}
	if limited != expected {
		out = append(out, limited)
	}
	return out
}
