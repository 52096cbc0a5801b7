//go:build !js

package sdk_test

import (
	"context"
	"fmt"
	"time"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// New returns at once; messages queue until the first connection opens.
func ExampleNew() {
	url, stop := echoURL()
	defer stop()
	c, err := sdk.New(url, nil) // no network yet: only the arguments are checked
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	_ = c.Enqueue(transport.TextMessage("queued before the open"))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	m, err := c.Receive(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("echo:", m.Text())
	// Output:
	// echo: queued before the open
}

// With StreamEvents, Next returns the lifecycle events in order with the
// messages: what a facade (a UI, a bridge to another platform) translates.
func ExampleClient_Next() {
	url, stop := echoURL()
	defer stop()
	opts := &sdk.Options{StreamEvents: true}
	opts.Reconnect.Disabled = true
	c, err := sdk.New(url, opts)
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = c.Enqueue(transport.TextMessage("hi"))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for {
		ev, err := c.Next(ctx)
		if err != nil {
			fmt.Println("end of stream")
			return
		}
		switch e := ev.(type) {
		case sdk.OpenEvent:
			fmt.Println("open, reconnect:", e.Reconnect)
		case transport.Message:
			fmt.Println("message:", e.Text())
			_ = c.Close()
		case sdk.CloseEvent:
			fmt.Println("close", e.Code, "final:", e.Final)
		}
	}
	// Output:
	// open, reconnect: false
	// message: hi
	// close 1000 final: true
	// end of stream
}
