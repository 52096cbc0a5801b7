package liveness_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/liveness"
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

func ExampleResolve() {
	cfg := heartbeat.DefaultConfig()

	native, _ := liveness.Resolve(cfg, heartbeat.Messages{}, true)
	browser, _ := liveness.Resolve(cfg, heartbeat.Messages{}, false)
	withProfile, _ := liveness.Resolve(cfg, jsonMessages(), false)
	fmt.Println("native:", native.Mode, native.Interval, native.Timeout)
	fmt.Println("browser:", browser.Mode)
	fmt.Println("browser with a profile ping:", withProfile.Mode)

	cfg.Mode = heartbeat.ModeProtocol
	_, err := liveness.Resolve(cfg, heartbeat.Messages{}, false)
	fmt.Println(errors.Is(err, liveness.ErrProtocolPingUnsupported))
	// Output:
	// native: protocol 25s 15s
	// browser: off
	// browser with a profile ping: application
	// true
}

// The driver's loop, with explicit times instead of timers.
func ExampleMonitor() {
	plan, _ := liveness.Resolve(heartbeat.Config{Messages: jsonMessages()}, heartbeat.Messages{}, true)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	m := liveness.NewMonitor(plan, start)

	action, when := m.Next()
	fmt.Println(action, "at", when.Sub(start))

	m.PingSent(when)
	action, deadline := m.Next()
	fmt.Println(action, "at", deadline.Sub(start))

	in := m.Inbound(when.Add(120*time.Millisecond), transport.Message{Type: transport.Text, Data: []byte(`{"type":"pong"}`)})
	fmt.Println("pong:", in.IsPong, "rtt:", in.RTT, "deliver:", in.Deliver)

	in = m.Inbound(when.Add(time.Second), transport.Message{Type: transport.Text, Data: []byte(`{"type":"ping"}`)})
	fmt.Printf("server ping: reply %s, deliver: %v\n", in.Reply.Data, in.Deliver)

	action, when = m.Next()
	fmt.Println(action, "at", when.Sub(start))
	fmt.Println("due at", deadline.Sub(start), "->", m.Due(deadline))
	// Output:
	// ping at 25s
	// dead at 40s
	// pong: true rtt: 120ms deliver: false
	// server ping: reply {"type":"pong"}, deliver: false
	// ping at 51s
	// due at 40s -> none
}

// A dead peer: no proof of life after the ping.
func ExampleMonitor_Due() {
	plan, _ := liveness.Resolve(heartbeat.DefaultConfig(), heartbeat.Messages{}, true)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	m := liveness.NewMonitor(plan, start)

	m.PingSent(start.Add(25 * time.Second))
	for _, s := range []time.Duration{39 * time.Second, 40 * time.Second} {
		fmt.Println(s, m.Due(start.Add(s)))
	}
	fmt.Println("close with", liveness.CloseCode, liveness.CloseReason)
	// Output:
	// 39s none
	// 40s dead
	// close with 4000 heartbeat timeout
}

// A browser page that is hidden, then visible again.
func ExampleMonitor_SetHidden() {
	plan, _ := liveness.Resolve(heartbeat.Config{Messages: jsonMessages()}, heartbeat.Messages{}, false)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	m := liveness.NewMonitor(plan, start)

	m.SetHidden(true, start.Add(time.Second))
	m.PingSent(start.Add(25 * time.Second))
	_, deadline := m.Next()
	fmt.Println("hidden deadline:", deadline.Sub(start))

	m.SetHidden(false, start.Add(30*time.Second))
	_, deadline = m.Next()
	fmt.Println("visible deadline:", deadline.Sub(start))

	m.Inbound(start.Add(31*time.Second), transport.Message{Type: transport.Text, Data: []byte(`{"type":"pong"}`)})
	m.ProbeNow(start.Add(32 * time.Second)) // e.g. the online event
	action, when := m.Next()
	fmt.Println(action, "at", when.Sub(start))
	// Output:
	// hidden deadline: 1m25s
	// visible deadline: 45s
	// ping at 32s
}

func ExampleMonitor_RTT() {
	plan, _ := liveness.Resolve(heartbeat.DefaultConfig(), heartbeat.Messages{}, true)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	m := liveness.NewMonitor(plan, now)
	for _, rtt := range []time.Duration{100, 180} {
		m.PingSent(now)
		now = now.Add(rtt * time.Millisecond)
		m.PongReceived(now) // a protocol pong
	}
	s := m.RTT()
	fmt.Println(s.Latest, s.Smoothed, s.Samples)
	// Output: 180ms 110ms 2
}
