//go:build !js

package sdk_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// echoURL starts a local echo server for the examples.
func echoURL() (string, func()) {
	r, err := testserver.Start("", testserver.Options{Subprotocols: []string{"chat.v1"}})
	if err != nil {
		panic(err)
	}
	return r.URL("/echo"), func() { _ = r.Close() }
}

func ExampleDial() {
	url, stop := echoURL()
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	c, err := sdk.Dial(ctx, url, &sdk.Options{Subprotocols: []string{"chat.v2", "chat.v1"}})
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	defer c.Close()
	fmt.Println("subprotocol:", c.Subprotocol())

	_ = c.Send(ctx, transport.TextMessage("hello"))
	m, _ := c.Receive(ctx)
	fmt.Println("echo:", m.Text())
	// Output:
	// subprotocol: chat.v1
	// echo: hello
}

func ExampleOptions_events() {
	url, stop := echoURL()
	defer stop()
	ctx := context.Background()
	opened := make(chan sdk.OpenEvent, 1)
	opts := &sdk.Options{
		OnEvent: func(e sdk.Event) {
			if open, ok := e.(sdk.OpenEvent); ok {
				opened <- open
			}
		},
		AfterOpen: func(ctx context.Context, send func(context.Context, transport.Message) error) error {
			return send(ctx, transport.TextMessage("auth token")) // goes before queued messages
		},
	}
	c, err := sdk.Dial(ctx, url, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	e := <-opened
	m, _ := c.Receive(ctx)
	fmt.Println(e.Attempt, e.Reconnect, m.Text())
	// Output: 1 false auth token
}

func ExampleClient_CloseWithStatus() {
	url, stop := echoURL()
	defer stop()
	c, err := sdk.Dial(context.Background(), url, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.CloseWithStatus(999, "bad code"))
	fmt.Println(c.CloseWithStatus(4001, strings.Repeat("x", 10)), c.State())
	// Output:
	// tether: invalid argument: close code 999
	// <nil> Closed
}

// A loop that must never block (a UI or game loop) queues with Enqueue and
// polls with Receive and a context that has already ended.
func ExampleClient_Receive_poll() {
	url, stop := echoURL()
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := sdk.Dial(ctx, url, nil)
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	defer c.Close()

	_ = c.Enqueue(transport.TextMessage("tick"))
	poll, stopPolling := context.WithCancel(ctx)
	stopPolling() // an ended context: Receive never waits
	frame := time.NewTicker(time.Millisecond)
	defer frame.Stop()
	for {
		if m, err := c.Receive(poll); err == nil {
			fmt.Println("got:", m.Text())
			return
		}
		select {
		case <-frame.C: // the loop's other work
		case <-ctx.Done():
			fmt.Println("no echo")
			return
		}
	}
	// Output: got: tick
}
