// Package sender is one client of the loss audit (tests/loss): it gives a
// Tether client one numbered message every few milliseconds and records what
// became of each from the caller's side: accepted (Send returned nil, Enqueue
// accepted), refused (an error from Send or Enqueue) or handed back
// (UnsentEvent). The native audit runs it in-process; tests/loss/wasmclient
// runs it in js/wasm under Node and prints the Report as JSON.
//
// Each message is the text "id:seq:ck": the client's id, a sequence number
// from 1, and the highest sequence number a Flush had confirmed before the
// message was accepted (0: none). The recording server uses ck to check that
// no confirmed message is ever written again.
package sender

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// Config describes one audited client.
type Config struct {
	URL      string        // the proxy's ws URL; "?id=ID" is added
	ID       string        // the client's id, unique in a run
	HandBack bool          // DeliveryOptions.HandBackUnconfirmed
	UseSend  bool          // Send with a background context instead of Enqueue
	AppPing  bool          // application heartbeat {"type":"ping"} / {"type":"pong"}
	Every    time.Duration // send cadence; zero: 5 ms
	// OnFirstOpen, if set, runs once at the client's first open.
	OnFirstOpen func()
}

// Report is what one client saw, for the audit to check against the server.
type Report struct {
	ID       string `json:"id"`
	Policy   string `json:"policy"` // "resend" or "handback"
	Method   string `json:"method"` // "enqueue" or "send"
	Tried    int    `json:"tried"`  // messages 1..Tried were given to the client
	Accepted int    `json:"accepted"`
	// AcceptedAt[seq-1] is when seq was accepted (Unix ms), 0 if refused.
	AcceptedAt []int64    `json:"accepted_at"`
	Refused    []Refusal  `json:"refused"`
	HandedBack []HandBack `json:"handed_back"`
	Closes     []CloseRec `json:"closes"`
	Opens      int        `json:"opens"`
	NoConfirm  int        `json:"no_confirm"` // opens with OpenEvent.Confirms false
	UnsentLen  int        `json:"unsent_len"` // len(Client.Unsent()) at the end
	FlushOK    int        `json:"flush_ok"`
	FlushErr   int        `json:"flush_err"`
	Checkpoint int        `json:"checkpoint"` // the last seq a Flush confirmed
	FlushLies  []FlushLie `json:"flush_lies"`
	CloseErr   string     `json:"close_err,omitempty"`
	// CloseAt is when Close was called (Unix ms); OpenAtClose says the
	// client was Open then (Close first waits up to 2 s for confirmations).
	CloseAt     int64 `json:"close_at"`
	OpenAtClose bool  `json:"open_at_close"`
	Started     int64 `json:"started"` // Unix ms
	Ended       int64 `json:"ended"`   // Close returned, Unix ms
}

// Refusal is a message Send or Enqueue returned an error for.
type Refusal struct {
	Seq int    `json:"seq"`
	Err string `json:"err"`
	At  int64  `json:"at"`
}

// HandBack is a message an UnsentEvent handed back.
type HandBack struct {
	Seq     int    `json:"seq"`
	Maybe   bool   `json:"maybe"`   // the error wraps ErrMaybeDelivered
	Closed  bool   `json:"closed"`  // the error wraps ErrClosed: the client ended
	Closing bool   `json:"closing"` // reported after Close was called
	Err     string `json:"err"`
	At      int64  `json:"at"`
}

// CloseRec is one CloseEvent.
type CloseRec struct {
	At    int64  `json:"at"`
	Code  int    `json:"code"`
	Cause string `json:"cause,omitempty"`
	Final bool   `json:"final"`
}

// FlushLie is a Flush that returned nil although a message it covered was
// handed back after the Flush was called (Started, Unix ms). A hand-back
// decided just before the Flush began (which Flush may ignore) but reported
// just after looks the same; the audit tells them apart only around Close.
type FlushLie struct {
	UpTo    int   `json:"up_to"`
	Seq     int   `json:"seq"`
	Started int64 `json:"started"`
}

// Text is the message text for seq with checkpoint ck.
func Text(id string, seq, ck int) string { return fmt.Sprintf("%s:%06d:%06d", id, seq, ck) }

// Parse splits a message text made by Text.
func Parse(s string) (id string, seq, ck int, ok bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return "", 0, 0, false
	}
	seq, err1 := strconv.Atoi(parts[1])
	ck, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || seq < 1 || parts[0] == "" {
		return "", 0, 0, false
	}
	return parts[0], seq, ck, true
}

// IsPing reports whether a message is the application ping.
func IsPing(b []byte) bool { return string(b) == pingText }

// PongText is the server's answer to the application ping.
const PongText = `{"type":"pong"}`

const pingText = `{"type":"ping"}`

// run is one client's state while it runs.
type run struct {
	cfg     Config
	c       *sdk.Client
	mu      sync.Mutex
	rep     Report
	last    atomic.Int64 // the last accepted seq
	ck      atomic.Int64 // the last seq a Flush confirmed
	closing atomic.Bool
	opened  sync.Once
}

// Run starts the client, sends until stop is closed, closes the client and
// returns what it saw. It fails only when the client cannot be created.
func Run(cfg Config, stop <-chan struct{}) (*Report, error) {
	if cfg.Every == 0 {
		cfg.Every = 5 * time.Millisecond
	}
	r := &run{cfg: cfg}
	r.rep = Report{ID: cfg.ID, Policy: policy(cfg), Method: method(cfg), Started: now()}
	c, err := sdk.New(cfg.URL+"?id="+cfg.ID, r.options())
	if err != nil {
		return nil, err
	}
	r.c = c
	var wg sync.WaitGroup
	wg.Add(2)
	sendStop := make(chan struct{})
	go func() { defer wg.Done(); r.sendLoop(sendStop) }()
	go func() { defer wg.Done(); r.checkpoints() }()
	<-stop
	close(sendStop)
	r.closing.Store(true)
	r.mu.Lock()
	r.rep.CloseAt, r.rep.OpenAtClose = now(), c.State() == sdk.Open
	r.mu.Unlock()
	closeErr := c.Close()
	wg.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	if closeErr != nil {
		r.rep.CloseErr = closeErr.Error()
	}
	r.rep.UnsentLen = len(c.Unsent())
	r.rep.Checkpoint = int(r.ck.Load())
	r.rep.Ended = now()
	return &r.rep, nil
}

func policy(cfg Config) string {
	if cfg.HandBack {
		return "handback"
	}
	return "resend"
}

func method(cfg Config) string {
	if cfg.UseSend {
		return "send"
	}
	return "enqueue"
}

func now() int64 { return time.Now().UnixMilli() }

// options are the audit's client options: heartbeat 200 ms / 400 ms,
// reconnect 50–500 ms, retried forever, 1 s per attempt.
func (r *run) options() *sdk.Options {
	o := &sdk.Options{
		Heartbeat: heartbeat.Config{Interval: 200 * time.Millisecond, Timeout: 400 * time.Millisecond},
		Reconnect: reconnect.Policy{InitialDelay: 50 * time.Millisecond, MaxDelay: 500 * time.Millisecond,
			RetryFirstDial: true},
		HandshakeTimeout: time.Second,
		Delivery:         sdk.DeliveryOptions{HandBackUnconfirmed: r.cfg.HandBack},
		OnEvent:          r.onEvent,
	}
	if r.cfg.AppPing {
		o.Heartbeat.Mode = heartbeat.ModeApplication
		o.Heartbeat.Ping = func() transport.Message { return transport.Message{Type: transport.Text, Data: []byte(pingText)} }
		o.Heartbeat.IsPong = func(m transport.Message) bool {
			var v struct{ Type string }
			return json.Unmarshal(m.Data, &v) == nil && v.Type == "pong"
		}
	}
	return o
}

// onEvent records the client's open, close and unsent events.
func (r *run) onEvent(ev sdk.Event) {
	switch ev := ev.(type) {
	case sdk.OpenEvent:
		r.onOpen(ev)
	case sdk.CloseEvent:
		r.onClose(ev)
	case sdk.UnsentEvent:
		r.onUnsent(ev)
	}
}

func (r *run) onOpen(ev sdk.OpenEvent) {
	r.mu.Lock()
	r.rep.Opens++
	if !ev.Confirms {
		r.rep.NoConfirm++
	}
	r.mu.Unlock()
	if r.cfg.OnFirstOpen != nil {
		r.opened.Do(r.cfg.OnFirstOpen)
	}
}

func (r *run) onClose(ev sdk.CloseEvent) {
	rec := CloseRec{At: now(), Code: ev.Code, Final: ev.Final}
	if ev.Cause != nil {
		rec.Cause = ev.Cause.Error()
	}
	r.mu.Lock()
	r.rep.Closes = append(r.rep.Closes, rec)
	r.mu.Unlock()
}

func (r *run) onUnsent(ev sdk.UnsentEvent) {
	at, closing := now(), r.closing.Load()
	maybe, closed := errors.Is(ev.Err, sdk.ErrMaybeDelivered), errors.Is(ev.Err, sdk.ErrClosed)
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, m := range ev.Messages {
		_, seq, _, ok := Parse(m.Text())
		if !ok {
			seq = -1 // not ours: the audit reports it
		}
		r.rep.HandedBack = append(r.rep.HandedBack,
			HandBack{Seq: seq, Maybe: maybe, Closed: closed, Closing: closing, Err: ev.Err.Error(), At: at})
	}
}

// sendLoop gives the client one message per tick until stop.
func (r *run) sendLoop(stop <-chan struct{}) {
	t := time.NewTicker(r.cfg.Every)
	defer t.Stop()
	for seq := 1; ; seq++ {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		r.give(seq)
	}
}

// give hands message seq to the client and records the outcome.
func (r *run) give(seq int) {
	m := transport.TextMessage(Text(r.cfg.ID, seq, int(r.ck.Load())))
	var err error
	if r.cfg.UseSend {
		err = r.c.Send(context.Background(), m)
	} else {
		err = r.c.Enqueue(m)
	}
	at := now()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rep.Tried = seq
	if err != nil {
		r.rep.AcceptedAt = append(r.rep.AcceptedAt, 0)
		r.rep.Refused = append(r.rep.Refused, Refusal{Seq: seq, Err: err.Error(), At: at})
		return
	}
	r.rep.Accepted++
	r.rep.AcceptedAt = append(r.rep.AcceptedAt, at)
	r.last.Store(int64(seq))
}

// checkpoints calls Flush every 100 ms until the client is closed; each
// Flush that succeeds confirms every message accepted before it, which the
// following messages carry as their ck. A Flush that returns nil although a
// message it covers was handed back while it ran is recorded as a lie.
func (r *run) checkpoints() {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-r.c.Done():
			return
		case <-t.C:
		}
		r.checkpoint()
	}
}

// checkpointTimeout bounds one checkpoint Flush: longer than Close's 2 s
// grace, so that a Flush begun before Close is still waiting when Close
// hands back what stayed unconfirmed.
const checkpointTimeout = 5 * time.Second

func (r *run) checkpoint() {
	started := now()
	upTo := int(r.last.Load())
	before := len(r.c.Unsent())
	ctx, cancel := context.WithTimeout(context.Background(), checkpointTimeout)
	err := r.c.Flush(ctx)
	cancel()
	var during []transport.Message
	if err == nil {
		during = r.c.Unsent()[before:]
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.rep.FlushErr++
		return
	}
	r.rep.FlushOK++
	for _, m := range during {
		if _, seq, _, ok := Parse(m.Text()); ok && seq <= upTo {
			r.rep.FlushLies = append(r.rep.FlushLies, FlushLie{UpTo: upTo, Seq: seq, Started: started})
		}
	}
	if int64(upTo) > r.ck.Load() {
		r.ck.Store(int64(upTo))
	}
}
