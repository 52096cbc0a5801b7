//go:build unix

package measure

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/testserver"
)

// outageSample is one outage as the client saw it.
type outageSample struct {
	back      time.Time // the new server was listening
	scheduled time.Time // the retry that succeeded was due (ReconnectingEvent + Delay)
	dialed    time.Time // that attempt started (BeforeDial)
	opened    time.Time // the client was open again (OpenEvent)
	missed    int       // retries that found the server still down
}

// late is how long after the later of "server back" and "retry due" the
// client was open: the cost beyond what the schedule itself imposes.
func (s outageSample) late() time.Duration {
	from := s.back
	if s.scheduled.After(from) {
		from = s.scheduled
	}
	return s.opened.Sub(from)
}

func (s outageSample) openAfterBack() time.Duration { return s.opened.Sub(s.back) }
func (s outageSample) wake() time.Duration          { return s.dialed.Sub(s.scheduled) }
func (s outageSample) handshake() time.Duration     { return s.opened.Sub(s.dialed) }

// measureOutages runs n outages of one client whose retries are exactly delay
// apart and returns what each looked like.
func measureOutages(tb testing.TB, n int, delay time.Duration) []outageSample {
	p := newProbe()
	srv := startServer(tb, "")
	defer func() { srv.Kill() }()
	c := dial(tb, srv.URL("/echo"), p.options(delay))
	defer c.Close()
	out := make([]outageSample, 0, n)
	for range n {
		var s outageSample
		s, srv = outage(tb, p, srv, delay)
		out = append(out, s)
	}
	return out
}

// outage kills srv, starts a new server on its address halfway through the
// client's backoff, and waits until the client is open again.
func outage(tb testing.TB, p *probe, srv *testserver.Running, delay time.Duration) (outageSample, *testserver.Running) {
	drain(p.reconnecting)
	drain(p.dialing)
	srv.Kill()
	due := next(tb, p.reconnecting, "the backoff").Add(delay)
	time.Sleep(time.Until(due.Add(-delay / 2))) // a measurement, not a test: sleeping is the point
	again := startServer(tb, srv.Addr())
	s := outageSample{back: time.Now(), scheduled: due}
	s.opened = next(tb, p.opened, "the reopen")
	s.dialed = drain(p.dialing)
	for {
		last := drain(p.reconnecting)
		if last.IsZero() {
			break
		}
		s.missed++
		s.scheduled = last.Add(delay)
	}
	return s, again
}

// BenchmarkReconnectLatency reports, over 20 outages per b.N, the time from
// the server coming back to the client being open again (open-after-back),
// and how late that was beyond the scheduled retry (late). The backoff is
// 200 ms and the server comes back 100 ms into it, so open-after-back is
// about 100 ms plus the lateness. wake is the timer's lateness alone (the
// attempt's start against the scheduled time), handshake the attempt itself.
func BenchmarkReconnectLatency(b *testing.B) {
	const runs, delay = 20, 200 * time.Millisecond
	samples := measureOutages(b, runs*b.N, delay)
	var late, back, wake, hs []time.Duration
	missed := 0
	for _, s := range samples {
		late, back = append(late, s.late()), append(back, s.openAfterBack())
		wake, hs = append(wake, s.wake()), append(hs, s.handshake())
		missed += s.missed
	}
	report(b, "late", summarize(late))
	report(b, "open-after-back", summarize(back))
	report(b, "wake", summarize(wake))
	report(b, "handshake", summarize(hs))
	b.ReportMetric(float64(missed), "missed-retries")
	b.Logf("%d outages, backoff %s, server back %s into it; %s", len(samples), delay, delay/2, loadNote())
}

// loadNote describes the machine's load for the log.
func loadNote() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "load average unknown"
	}
	return "load average " + strings.Join(strings.Fields(string(b))[:3], " ")
}
