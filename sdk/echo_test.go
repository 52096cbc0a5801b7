package sdk

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/tetherws/tether/transport"
)

func TestEchoTextAndBinary(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	if got := c.State(); got != Open {
		t.Fatalf("State = %v, want Open", got)
	}
	ctx := testCtx(t)
	if err := c.Send(ctx, transport.TextMessage("hello")); err != nil {
		t.Fatal(err)
	}
	if m := mustReceive(t, c); m.Type != transport.Text || m.Text() != "hello" {
		t.Fatalf("got %v %q", m.Type, m.Data)
	}
	bin := []byte{0, 1, 2, 0xff}
	if err := c.Send(ctx, transport.BinaryMessage(bin)); err != nil {
		t.Fatal(err)
	}
	if m := mustReceive(t, c); m.Type != transport.Binary || !bytes.Equal(m.Data, bin) {
		t.Fatalf("got %v %x", m.Type, m.Data)
	}
}

func TestEchoSizes(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", &Options{ReadLimit: 4 << 20})
	ctx := testCtx(t)
	for _, size := range []int{0, 1, 125, 126, 65535, 65536, 1 << 20, 3 << 20} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			data := bytes.Repeat([]byte{'x'}, size)
			if err := c.Send(ctx, transport.BinaryMessage(data)); err != nil {
				t.Fatal(err)
			}
			if m := mustReceive(t, c); !bytes.Equal(m.Data, data) {
				t.Fatalf("echo of %d bytes came back as %d bytes", size, len(m.Data))
			}
		})
	}
}

func TestManyConcurrentSenders(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	ctx := testCtx(t)
	const senders, each = 8, 50
	errs := make(chan error, senders)
	for s := 0; s < senders; s++ {
		go func() {
			for i := 0; i < each; i++ {
				if err := c.Send(ctx, transport.TextMessage(fmt.Sprintf("%d-%d", s, i))); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for s := 0; s < senders; s++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for i := 0; i < senders*each; i++ {
		seen[mustReceive(t, c).Text()] = true
	}
	if len(seen) != senders*each {
		t.Fatalf("received %d distinct messages, want %d", len(seen), senders*each)
	}
}
