//go:build unix

package peers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// testEcho sends text and binary messages of 0 B, 1 KiB and 1 MiB (the
// default read limit) and expects each back unchanged, with its type.
func testEcho(t *testing.T, base string) {
	c := dial(t, base+"/echo", nil)
	for _, typ := range []transport.MessageType{transport.Text, transport.Binary} {
		for _, size := range []int{0, 1 << 10, 1 << 20} {
			roundTrip(t, c, payload(typ, size))
		}
	}
}

// testBurst queues 200 messages without waiting and expects the echoes in
// the same order.
func testBurst(t *testing.T, base string) {
	const n = 200
	c := dial(t, base+"/echo", nil)
	for i := range n {
		if err := c.Enqueue(transport.TextMessage(fmt.Sprint("burst ", i))); err != nil {
			t.Fatalf("Enqueue %d: %v", i, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
	defer cancel()
	for i := range n {
		m, err := c.Receive(ctx)
		if want := fmt.Sprint("burst ", i); err != nil || m.Text() != want {
			t.Fatalf("message %d: %q, %v; want %q", i, m.Text(), err, want)
		}
	}
}

// testTooBig has the server echo a binary message one byte over the default
// read limit (1 MiB): the client closes with 1009 and gives up (1009 is not
// retried), reporting ErrMessageTooBig.
func testTooBig(t *testing.T, base string) {
	r := newRecorder()
	o := r.attach(&sdk.Options{Reconnect: fastReconnect()})
	c := dial(t, base+"/echo", o)
	ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
	defer cancel()
	if err := c.Send(ctx, payload(transport.Binary, int(sdk.DefaultOptions().ReadLimit)+1)); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if m, err := c.Receive(ctx); !errors.Is(err, sdk.ErrMessageTooBig) {
		t.Fatalf("Receive = %d bytes, %v; want ErrMessageTooBig", len(m.Data), err)
	}
	ce := waitFor[sdk.CloseEvent](t, r, nil)
	if ce.Code != 1009 || !ce.Final || !errors.Is(ce.Cause, sdk.ErrMessageTooBig) {
		t.Fatalf("CloseEvent %+v, want a final 1009 with ErrMessageTooBig", ce)
	}
	waitDone(t, c)
}

// roundTrip sends m and expects the same message back as the next one received.
func roundTrip(t *testing.T, c *sdk.Client, m transport.Message) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
	defer cancel()
	if err := c.Send(ctx, m); err != nil {
		t.Fatalf("Send(%v, %d bytes): %v", m.Type, len(m.Data), err)
	}
	got, err := c.Receive(ctx)
	if err != nil {
		t.Fatalf("Receive after sending %v of %d bytes: %v", m.Type, len(m.Data), err)
	}
	if got.Type != m.Type || !bytes.Equal(got.Data, m.Data) {
		t.Fatalf("echo of %v %d bytes came back as %v %d bytes (equal data: %v)",
			m.Type, len(m.Data), got.Type, len(got.Data), bytes.Equal(got.Data, m.Data))
	}
}

// payload returns a message of exactly size bytes: valid UTF-8 text with
// multi-byte runes, or pseudo-random binary.
func payload(typ transport.MessageType, size int) transport.Message {
	if typ == transport.Binary {
		b := make([]byte, size)
		r := rand.New(rand.NewChaCha8([32]byte{1}))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return transport.BinaryMessage(b)
	}
	runes := []rune("tether é ü 日本 🙂 ")
	b := make([]byte, 0, size)
	for i := 0; ; i++ {
		r := runes[i%len(runes)]
		if len(b)+utf8.RuneLen(r) > size {
			break
		}
		b = utf8.AppendRune(b, r)
	}
	for len(b) < size {
		b = append(b, 'x')
	}
	return transport.Message{Type: transport.Text, Data: b}
}
