//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tetherws/tether/internal/liveness"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

func (d *demo) connect() error {
	ctx, cancel := context.WithTimeout(context.Background(), demoStep)
	defer cancel()
	c, err := sdk.Dial(ctx, d.proxy.URL("ws", "/echo?app_ping=1"), d.options())
	if err != nil {
		return err
	}
	d.client = c
	ev, err := d.await("open")
	if err != nil {
		return err
	}
	if ev.text != "chat.v2" {
		return fmt.Errorf("agreed subprotocol %q, want chat.v2", ev.text)
	}
	return nil
}

func (d *demo) echo() error {
	return d.exchange([]string{"hello 1", "hello 2", "hello 3"})
}

// exchange sends texts one by one, then expects their echoes in order.
func (d *demo) exchange(texts []string) error {
	ctx, cancel := context.WithTimeout(context.Background(), demoStep)
	defer cancel()
	for _, t := range texts {
		if err := d.client.Send(ctx, transport.TextMessage(t)); err != nil {
			return err
		}
		d.sent = append(d.sent, t)
	}
	d.line("sent", "%s", quoted(texts))
	return d.expect(texts, "echoed")
}

// expect receives len(want) messages and checks they are want, in order.
func (d *demo) expect(want []string, step string) error {
	ctx, cancel := context.WithTimeout(context.Background(), demoStep)
	defer cancel()
	var got []string
	for range want {
		m, err := d.client.Receive(ctx)
		if err != nil {
			return fmt.Errorf("received %s, then: %w", quoted(got), err)
		}
		got = append(got, m.Text())
	}
	d.recvd = append(d.recvd, got...)
	if !slices.Equal(got, want) {
		return fmt.Errorf("received %s, want %s", quoted(got), quoted(want))
	}
	d.line(step, "%s  (in order)", quoted(got))
	return nil
}

func (d *demo) heartbeat() error {
	d.showBeat = true
	_, err := d.await("heartbeat")
	return err
}

func (d *demo) drop() error {
	d.line("fault", "the server drops every connection (TCP closed, no close frame)")
	d.srv.Server().DropAll()
	if ev, err := d.await("close"); err != nil {
		return err
	} else if ev.code != 1006 {
		return fmt.Errorf("close code %d, want 1006", ev.code)
	}
	if _, err := d.await("reconnecting"); err != nil {
		return err
	}
	queued := []string{"queued 1", "queued 2", "queued 3"}
	if err := d.enqueue(queued); err != nil {
		return err
	}
	return d.reopen(queued)
}

// enqueue queues texts without waiting, as an app does while offline.
func (d *demo) enqueue(texts []string) error {
	state := d.client.State()
	for _, t := range texts {
		if err := d.client.Enqueue(transport.TextMessage(t)); err != nil {
			return err
		}
		d.sent = append(d.sent, t)
	}
	d.line("queued", "%s while %s (Enqueue: the outbox holds them)", quoted(texts), state)
	return nil
}

// reopen waits for the reconnect and the queued messages' echoes.
func (d *demo) reopen(queued []string) error {
	ev, err := d.await("open")
	if err != nil {
		return err
	}
	if !ev.reconnect {
		return errors.New("open event is not a reconnect")
	}
	if err := d.expect(queued, "flushed"); err != nil {
		return err
	}
	return d.confirm()
}

// confirm waits until a pong answers a ping written after everything sent
// (Flush): the server has read it, so no fault that follows can make the
// client send it again.
func (d *demo) confirm() error {
	ctx, cancel := context.WithTimeout(context.Background(), demoStep)
	defer cancel()
	if err := d.client.Flush(ctx); err != nil {
		return err
	}
	d.line("confirmed", "a pong answered a ping sent after them: the server has read them (Flush)")
	return nil
}

// silence makes the server go silent until the heartbeat notices, then lets
// the next connection through. The client aborts the dead connection itself
// (at once: nothing waits for a close handshake that cannot come).
func (d *demo) silence() error {
	d.proxy.Blackhole(true)
	d.line("fault", "the server goes silent: the proxy swallows every byte, TCP stays open")
	ev, err := d.await("detected", "close")
	if err != nil {
		return err
	}
	d.proxy.Blackhole(false)
	if ev.kind == "detected" {
		if ev, err = d.await("close"); err != nil {
			return err
		}
	}
	if !errors.Is(ev.cause, liveness.ErrTimeout) || ev.code != liveness.CloseCode {
		return fmt.Errorf("connection closed with %d (%v), want a heartbeat timeout", ev.code, ev.cause)
	}
	if _, err := d.await("reconnecting"); err != nil {
		return err
	}
	after := []string{"after the silence"}
	if err := d.enqueue(after); err != nil {
		return err
	}
	return d.reopen(after)
}

func (d *demo) finish() error {
	if err := d.exchange([]string{"bye"}); err != nil {
		return err
	}
	if err := d.client.Close(); err != nil {
		return err
	}
	if _, err := d.await("close"); err != nil {
		return err
	}
	if d.unsent > 0 || len(d.client.Unsent()) > 0 {
		return fmt.Errorf("%d messages were never sent", d.unsent)
	}
	return nil
}

// await narrates events until one of kinds arrives, for at most demoStep.
func (d *demo) await(kinds ...string) (demoEvent, error) {
	t := time.NewTimer(demoStep)
	defer t.Stop()
	for {
		select {
		case ev := <-d.events:
			d.note(ev)
			if slices.Contains(kinds, ev.kind) {
				return ev, nil
			}
		case <-t.C:
			return demoEvent{}, fmt.Errorf("no %s event within %s", strings.Join(kinds, " or "), demoStep)
		}
	}
}

// note records an event and narrates it.
func (d *demo) note(ev demoEvent) {
	switch ev.kind {
	case "connecting":
		d.attempts++
		d.line("connecting", "attempt %d  %s", ev.attempt, ev.text)
	case "open":
		d.noteOpen(ev)
	case "close":
		d.noteClose(ev)
	case "reconnecting":
		d.delays = append(d.delays, ev.delay)
		d.line("reconnecting", "attempt %d in %s  (backoff from %s, ×2, ±50%% jitter, seed %d)",
			ev.attempt, ev.delay.Round(time.Millisecond), demoInitial, demoSeed)
	case "heartbeat":
		d.beats++
		if d.showBeat {
			d.showBeat = false
			d.line("heartbeat", "ping %s answered by %s, rtt %s", demoPing, demoPong, ev.rtt.Round(time.Microsecond))
		}
	case "detected":
		d.line("heartbeat", "TIMEOUT: no sign of life for %s (ping after %s idle, %s to answer)",
			ev.text, demoInterval, demoTimeout)
	case "unsent":
		d.unsent += ev.attempt
		d.line("unsent", "%d queued messages handed back", ev.attempt)
	}
}

func (d *demo) noteOpen(ev demoEvent) {
	d.showBeat = true
	how := "subprotocol"
	if ev.reconnect {
		how = "reconnected, subprotocol"
	}
	d.line("open", "%s %q agreed (offered %s)", how, ev.text, strings.Join(demoOffer, ", "))
}

func (d *demo) noteClose(ev demoEvent) {
	what := fmt.Sprintf("code %d", ev.code)
	if ev.text != "" {
		what += " " + ev.text
	}
	if ev.cause != nil {
		what += "  (" + errorKind(ev.cause) + ")"
	}
	d.line("close", "%s", what)
}

func quoted(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = fmt.Sprintf("%q", t)
	}
	return strings.Join(q, ", ")
}
