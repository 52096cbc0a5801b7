//go:build unix

package peers

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Heartbeat timing: frequent pings so a few answers arrive quickly, and a
// generous timeout for a busy machine.
const (
	hbInterval = 100 * time.Millisecond
	hbTimeout  = 10 * time.Second
	hbAnswers  = 3 // answered heartbeats each test waits for
)

// testProtocolHeartbeat sends RFC 6455 ping frames, which the server's
// library answers by itself: HeartbeatEvents with an RTT arrive and the
// connection stays open.
func testProtocolHeartbeat(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{})
	o.Heartbeat = heartbeat.Config{Mode: heartbeat.ModeProtocol, Interval: hbInterval, Timeout: hbTimeout}
	c := dial(t, base+"/echo", o)
	checkBeats(t, r, c)
	roundTrip(t, c, transport.TextMessage("after protocol pings"))
}

// testApplicationHeartbeat sends {"type":"ping"} messages, which the server
// answers with {"type":"pong"} on /app-ping: HeartbeatEvents arrive, and the
// pongs are not delivered to Receive.
func testApplicationHeartbeat(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{})
	o.Heartbeat = heartbeat.Config{Mode: heartbeat.ModeApplication, Interval: hbInterval,
		Timeout: hbTimeout, RequirePong: true}
	o.Heartbeat.Ping = func() transport.Message {
		return transport.Message{Type: transport.Text, Data: []byte(`{"type":"ping"}`)}
	}
	o.Heartbeat.IsPong = func(m transport.Message) bool {
		var v struct{ Type string }
		return m.Type == transport.Text && json.Unmarshal(m.Data, &v) == nil && v.Type == "pong"
	}
	c := dial(t, base+"/app-ping", o)
	checkBeats(t, r, c)
	roundTrip(t, c, transport.TextMessage(`{"type":"chat","text":"after application pings"}`))
}

// checkBeats waits for hbAnswers HeartbeatEvents with a positive RTT and
// checks that the connection never closed meanwhile.
func checkBeats(t *testing.T, r *recorder, c *sdk.Client) {
	t.Helper()
	ev := waitN(t, r, hbAnswers, func(e sdk.HeartbeatEvent) bool { return e.RTT > 0 })
	latest, smoothed := c.RTT()
	if latest <= 0 || smoothed <= 0 {
		t.Fatalf("RTT() = %v, %v after %d answered heartbeats, want positive", latest, smoothed, hbAnswers)
	}
	if n := len(all[sdk.CloseEvent](r)); n != 0 {
		t.Fatalf("%d CloseEvents during heartbeats, want none; events:%s", n, r)
	}
	t.Logf("RTT %v, smoothed %v", ev.RTT, smoothed)
}

// testServerPings has the server send protocol pings, each after the
// previous pong, with the client's own heartbeats off: the client answers
// them (its reader runs while the application is not calling Receive), and
// the server reports the pongs it got.
func testServerPings(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{})
	o.Heartbeat.Mode = heartbeat.ModeOff
	c := dial(t, base+"/server-ping?count=3&interval=100", o)
	ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
	defer cancel()
	m, err := c.Receive(ctx)
	if err != nil || m.Text() != "pongs 3" {
		t.Fatalf("Receive = %q, %v; want the server's \"pongs 3\"; events:%s", m.Text(), err, r)
	}
	roundTrip(t, c, transport.TextMessage("after server pings"))
}
