//go:build !js

package native

import (
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/transport"
)

// TestReadCompressedMessages: compressed messages (RSV1 set, the frames
// carrying deflated bytes) are counted like any other and arrive intact.
func TestReadCompressedMessages(t *testing.T) {
	msgs := []string{"small", strings.Repeat("compress me ", 200), "", strings.Repeat("z", 5000)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionContextTakeover})
		if err != nil {
			return
		}
		defer ws.CloseNow()
		for _, m := range msgs {
			if ws.Write(r.Context(), websocket.MessageText, []byte(m)) != nil {
				return
			}
		}
		_ = ws.Close(websocket.StatusNormalClosure, "done")
	}))
	t.Cleanup(srv.Close)
	d := &Dialer{Compression: transport.CompressionContextTakeover}
	c, err := d.Dial(testCtx(t), "ws"+strings.TrimPrefix(srv.URL, "http"), transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Abort(transport.StatusNormalClosure, "")
	for _, want := range msgs {
		if m, err := c.Read(context.Background()); err != nil || m.Text() != want {
			t.Fatalf("Read = %.20q (%d bytes), %v; want %.20q (%d bytes)", m.Data, len(m.Data), err, want, len(want))
		}
	}
	var ce *transport.CloseError
	if _, err := c.Read(context.Background()); !errors.As(err, &ce) || ce.Code != 1000 {
		t.Fatalf("last Read: %v, want close 1000", err)
	}
}

// TestReadCompressedCutOff: a compressed message the connection ends inside is
// a network failure, not the part that was inflated.
func TestReadCompressedCutOff(t *testing.T) {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	_, _ = fw.Write([]byte(strings.Repeat("0123456789abcdef", 1000)))
	_ = fw.Flush()
	deflated := buf.Bytes()[:buf.Len()-4] // RFC 7692 §7.2.1: drop the 00 00 ff ff tail
	url := hostileServer(t, "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; client_no_context_takeover\r\n",
		func(p *rawPeer) {
			h := frameHeader(true, 0x1, false, uint64(len(deflated)))
			h[0] |= 0x40 // RSV1: compressed
			p.send(h, deflated[:len(deflated)/2])
			p.finish()
		})
	d := &Dialer{Compression: transport.CompressionNoContextTakeover}
	c, err := d.Dial(testCtx(t), url, transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Abort(transport.StatusNormalClosure, "")
	err = readFails(t, c)
	var ne *transport.NetworkError
	if !errors.As(err, &ne) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want a NetworkError wrapping io.ErrUnexpectedEOF", err)
	}
}
