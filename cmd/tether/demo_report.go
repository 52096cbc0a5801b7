//go:build !js

package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// summary prints the closing table.
func (d *demo) summary() {
	latest, smoothed := d.client.RTT()
	lost := len(d.sent) - len(d.recvd)
	order := "every echo, in order"
	if !slices.Equal(d.sent, d.recvd) {
		order = "NOT in the order sent"
	}
	fmt.Fprintln(d.out)
	fmt.Fprintln(d.out, "summary")
	w := tabwriter.NewWriter(d.out, 0, 0, 2, ' ', 0)
	rows := [][2]string{
		{"connection attempts", fmt.Sprintf("%d  (1 initial, %d reconnects)", d.attempts, d.attempts-1)},
		{"reconnect delays", durations(d.delays)},
		{"heartbeats answered", fmt.Sprintf("%d  (rtt latest %s, smoothed %s; 1 timeout detected)",
			d.beats, latest.Round(time.Microsecond), smoothed.Round(time.Microsecond))},
		{"messages sent", fmt.Sprint(len(d.sent))},
		{"messages received", fmt.Sprintf("%d  (%s)", len(d.recvd), order)},
		{"messages lost", fmt.Sprint(lost)},
		{"elapsed", time.Since(d.start).Round(time.Millisecond).String()},
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %s\t%s\n", r[0], r[1])
	}
	_ = w.Flush()
	fmt.Fprintln(d.out, "\ndemo OK: nothing lost across a drop and a silent link")
}

func durations(ds []time.Duration) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.Round(time.Millisecond).String()
	}
	return strings.Join(s, ", ")
}
