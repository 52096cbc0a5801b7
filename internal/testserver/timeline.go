//go:build !js

package testserver

import (
	"context"
	"time"

	"github.com/coder/websocket"
)

// timer returns the channel of a timer firing after d; nil (never) when d is 0.
// The caller stops the timer.
func timer(d time.Duration) (*time.Timer, <-chan time.Time) {
	if d <= 0 {
		return nil, nil
	}
	t := time.NewTimer(d)
	return t, t.C
}

// timer is timer for a script time d counted from the upgrade, not from
// whenever the timeline goroutine starts.
func (ss *session) timer(d time.Duration) (*time.Timer, <-chan time.Time) {
	if d <= 0 {
		return nil, nil
	}
	return timer(max(d-time.Since(ss.opened), time.Nanosecond))
}

func stop(ts ...*time.Timer) {
	for _, t := range ts {
		if t != nil {
			t.Stop()
		}
	}
}

// timeline runs the timed part of the script until ctx is done or it ends the
// connection: drop_after, close_after, blackhole_after, server_ping_every, the
// MaxSilent bound, actions asked for through /drop, /blackhole and /close, and
// the server closing (the base context).
func (ss *session) timeline(ctx context.Context) {
	drop, dropC := ss.timer(ss.sc.dropAfter)
	closeT, closeC := ss.timer(ss.sc.closeAfter)
	bh, bhC := ss.timer(ss.sc.blackholeAfter)
	ping, pingC := ticker(ss.sc.pingEvery)
	silentT, silentC := timer(0)
	if ss.sc.slowRead {
		silentT, silentC = timer(ss.srv.opts.MaxSilent)
	}
	defer func() { stop(drop, closeT, bh, silentT); stopTicker(ping) }()
	for {
		var a action
		select {
		case <-ctx.Done():
			ss.silenceIfDue(bh != nil)
			ss.shutdown()
			return
		case <-dropC:
			a = action{kind: actDrop}
		case <-closeC:
			a = action{kind: actClose, code: ss.sc.closeCode(websocket.StatusNormalClosure), reason: ss.sc.reason}
		case <-silentC:
			a = action{kind: actDrop}
		case <-pingC:
			ss.ping()
			continue
		case <-bhC:
			a = action{kind: actBlackhole}
		case a = <-ss.actions:
		}
		if a.kind != actBlackhole {
			a.tell()
			ss.end(a)
			return
		}
		ss.conn.goSilent()
		a.tell()
		stopTicker(ping)
		pingC = nil
		stop(silentT)
		silentT, silentC = timer(ss.srv.opts.MaxSilent)
	}
}

// silenceIfDue makes the connection silent when its blackhole_after time,
// counted from the upgrade, has passed but its timer has not been seen
// (pending says it has not): a server closing then must not answer with a
// close frame on a connection its script made silent, however late the
// timeline goroutine ran.
func (ss *session) silenceIfDue(pending bool) {
	if pending && time.Since(ss.opened) >= ss.sc.blackholeAfter {
		ss.conn.goSilent()
	}
}

// end drops the connection or closes it with a close frame, as a asks.
func (ss *session) end(a action) {
	if a.kind == actClose {
		ss.closeWithin(a.code, a.reason)
		return
	}
	_ = ss.conn.Close()
}

// ping sends a server ping. A ping that cannot be written within closeGrace (the
// client stopped reading) drops the connection, so the timeline never blocks for
// long. The timeout context is never cancelled early (see send).
func (ss *session) ping() {
	ctx, cancel := context.WithTimeout(context.Background(), closeGrace)
	defer cancel()
	_ = ss.ws.Write(ctx, websocket.MessageText, pingMessage)
}

// shutdown ends the connection when the server closes or the read side ended: a
// silent connection is dropped, any other gets a 1001 close frame.
func (ss *session) shutdown() {
	if ss.conn.isSilent() || ss.sc.slowRead || ss.srv.base.Err() == nil {
		_ = ss.conn.Close()
		return
	}
	ss.closeWithin(websocket.StatusGoingAway, "server closing")
}

func ticker(d time.Duration) (*time.Ticker, <-chan time.Time) {
	if d <= 0 {
		return nil, nil
	}
	t := time.NewTicker(d)
	return t, t.C
}

func stopTicker(t *time.Ticker) {
	if t != nil {
		t.Stop()
	}
}
