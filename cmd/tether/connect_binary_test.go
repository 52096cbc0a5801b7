//go:build !js

package main

import (
	"context"
	"strings"
	"testing"

	"github.com/coder/websocket"
)

// binaryGreeting is what the binary peer sends first: not valid UTF-8.
var binaryGreeting = []byte("\x00\xffhi")

// newBinaryPeer sends binaryGreeting as a binary message on connect, then echoes.
func newBinaryPeer(t *testing.T) *peer {
	return newPeer(t, nil, func(_ int, c *websocket.Conn) bool {
		return c.Write(context.Background(), websocket.MessageBinary, binaryGreeting) == nil
	})
}

// Binary messages are base64 in --json, and marked with their size for humans.
func TestBinaryMessages(t *testing.T) {
	t.Parallel()
	srv := newBinaryPeer(t)
	r := runJSON(t, nil, "connect", srv.url, "--json", "--count", "1")
	msgs := r.only("message")
	if r.code != exitOK || len(msgs) != 1 {
		t.Fatalf("exit %d\n%s", r.code, r)
	}
	if m := msgs[0]; m.str("type") != "binary" || m.str("data") != "AP9oaQ==" {
		t.Errorf("message %v, want type binary, data AP9oaQ==", m)
	}
	h := runText(t, nil, "connect", srv.url, "--count", "1")
	if want := "< [binary 4 bytes] AP9oaQ=="; h.code != exitOK || strings.TrimSpace(h.stdout) != want {
		t.Errorf("exit %d, stdout %q, want %q\n%s", h.code, h.stdout, want, h)
	}
}

// Text stays text in --json, including characters JSON escapes.
func TestTextMessagesInJSON(t *testing.T) {
	t.Parallel()
	srv := newPeer(t, nil, nil)
	const text = `<a href="x">&amp;</a> "quoted" é ✓`
	r := runJSON(t, nil, "connect", srv.url, "--json", "--send", text, "--count", "1")
	msgs := r.only("message")
	if r.code != exitOK || len(msgs) != 1 || msgs[0].str("type") != "text" || msgs[0].str("data") != text {
		t.Fatalf("exit %d, messages %v\n%s", r.code, msgs, r)
	}
	if !strings.Contains(r.stdout, `"data":"<a href=\"x\">&amp;</a>`) {
		t.Errorf("HTML characters were escaped:\n%s", r.stdout)
	}
}
