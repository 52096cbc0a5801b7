//go:build !js

package sdk

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// BenchmarkEcho compares sdk.Client with a raw coder/websocket client against the
// same local echo server, one message in flight. Compare the raw and sdk
// sub-benchmarks of each size (ns/op and allocs/op).
func BenchmarkEcho(b *testing.B) {
	url := testServerURL(b) + "/echo"
	for _, size := range []int{32, 1 << 10, 64 << 10} {
		payload := bytes.Repeat([]byte{'x'}, size)
		b.Run(fmt.Sprintf("raw/%d", size), func(b *testing.B) { benchRaw(b, url, payload) })
		b.Run(fmt.Sprintf("sdk/%d", size), func(b *testing.B) { benchSDK(b, url, payload) })
	}
}

func benchRaw(b *testing.B, url string, payload []byte) {
	ctx := context.Background()
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ws.CloseNow()
	ws.SetReadLimit(1 << 20)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := ws.Write(ctx, websocket.MessageBinary, payload); err != nil {
			b.Fatal(err)
		}
		if _, _, err := ws.Read(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func benchSDK(b *testing.B, url string, payload []byte) {
	ctx := context.Background()
	o := &Options{}
	o.Heartbeat.Mode = 0 // defaults: protocol heartbeats on, as users get them
	c, err := Dial(ctx, url, o)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.Send(ctx, transport.BinaryMessage(payload)); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Receive(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
