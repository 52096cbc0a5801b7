//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/heartbeat"
	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/reconnect"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// benchConfig is the parsed command line of tether bench.
type benchConfig struct {
	duration time.Duration
	sizes    []int
}

func parseBench(args []string) (*benchConfig, error) {
	c := &benchConfig{}
	var sizes string
	f := newFlagSet("bench")
	f.fs.DurationVar(&c.duration, "duration", time.Second, "")
	f.fs.StringVar(&sizes, "sizes", "32,1024,65536", "")
	pos, err := f.parse(args)
	switch {
	case err != nil:
		return nil, err
	case len(pos) > 0:
		return nil, usagef("unexpected argument %q", pos[0])
	case c.duration <= 0:
		return nil, usagef("--duration %s: must be positive", c.duration)
	}
	for s := range strings.SplitSeq(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 1<<20 {
			return nil, usagef("--sizes %q: want sizes in bytes from 1 to 1048576", sizes)
		}
		c.sizes = append(c.sizes, n)
	}
	return c, nil
}

func runBench(args []string, sio stdio) int {
	if len(args) > 0 && args[0] == "fleet" {
		return runFleet(args[1:], sio)
	}
	cfg, err := parseBench(args)
	if err != nil {
		return usageFailed(sio, "bench", err)
	}
	srv, err := testserver.Start("", testserver.Options{})
	if err != nil {
		fmt.Fprintf(sio.err, "tether bench: %v\n", err)
		return exitFailed
	}
	defer srv.Close()
	url := srv.URL("/echo")
	fmt.Fprintf(sio.out, "sequential echo round trips against %s, %s each\n\n", url, cfg.duration)
	w := tabwriter.NewWriter(sio.out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "size\tcoder/websocket msgs/s\tsdk, Background ctx\tratio\tsdk, deadline ctx\tratio\t")
	for _, size := range cfg.sizes {
		raw, err1 := benchRaw(url, size, cfg.duration)
		direct, err2 := benchSDK(url, size, cfg.duration, false)
		queued, err3 := benchSDK(url, size, cfg.duration, true)
		if err := errors.Join(err1, err2, err3); err != nil {
			fmt.Fprintf(sio.err, "tether bench: %d bytes: %v\n", size, err)
			return exitFailed
		}
		fmt.Fprintf(w, "%s\t%.0f\t%.0f\t%.2f\t%.0f\t%.2f\t\n", byteSize(size), raw, direct, direct/raw, queued, queued/raw)
	}
	_ = w.Flush()
	fmt.Fprintln(sio.out, "\nReceive reads on the caller's goroutine with either context: a deadline that passes")
	fmt.Fprintln(sio.out, "between messages interrupts the read and leaves the connection open.")
	return exitOK
}

// benchSDK measures echo round trips per second through sdk.Client. With
// deadline, Receive gets a context with a deadline; without,
// context.Background(). Both read on the caller's goroutine.
func benchSDK(url string, size int, d time.Duration, deadline bool) (float64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d+10*time.Second)
	defer cancel()
	c, err := sdk.Dial(ctx, url, &sdk.Options{Reconnect: reconnect.Policy{Disabled: true},
		Heartbeat: heartbeat.Config{Mode: heartbeat.ModeOff}})
	if err != nil {
		return 0, err
	}
	defer c.Close()
	recvCtx := context.Background()
	if deadline {
		recvCtx = ctx
	}
	p := make([]byte, size)
	return measure(d, func() error {
		if err := c.Send(ctx, transport.BinaryMessage(p)); err != nil {
			return err
		}
		_, err := c.Receive(recvCtx)
		return err
	})
}

// benchRaw measures the same with coder/websocket alone.
func benchRaw(url string, size int, d time.Duration) (float64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d+10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return 0, err
	}
	defer c.CloseNow()
	c.SetReadLimit(sdk.DefaultOptions().ReadLimit)
	p := make([]byte, size)
	return measure(d, func() error {
		if err := c.Write(ctx, websocket.MessageBinary, p); err != nil {
			return err
		}
		_, _, err := c.Read(ctx)
		return err
	})
}

// measure runs round until d has passed and returns rounds per second.
func measure(d time.Duration, round func() error) (float64, error) {
	start := time.Now()
	n := 0
	for time.Since(start) < d {
		if err := round(); err != nil {
			return 0, err
		}
		n++
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

func byteSize(n int) string {
	if n >= 1024 && n%1024 == 0 {
		return fmt.Sprintf("%d KiB", n/1024)
	}
	return fmt.Sprintf("%d B", n)
}
