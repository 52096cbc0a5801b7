//go:build !js

package native

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/tetherws/tether/internal/nativehook"
	"github.com/tetherws/tether/transport"
)

// The Dialer's observers (set through nativehook) see the server's ping and the pong to the client's.
func TestDialerObservesPingsAndPongs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		ctx := c.CloseRead(r.Context())
		_ = c.Ping(ctx) // answered by the client's reader
		<-ctx.Done()
	}))
	defer srv.Close()
	var mu sync.Mutex
	var seen []string
	note := func(kind string) func([]byte) {
		return func(p []byte) { mu.Lock(); seen = append(seen, kind); mu.Unlock() }
	}
	d := &Dialer{}
	nativehook.SetFrameObservers.(func(*Dialer, func([]byte), func([]byte)))(d, note("ping"), note("pong"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := d.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http"), transport.DialOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Abort(1000, "")
	go func() { _, _ = c.Read(ctx) }() // sees the frames
	if err := c.(transport.Pinger).Ping(ctx); err != nil {
		t.Fatal(err)
	}
	for {
		mu.Lock()
		got := strings.Join(seen, ",")
		mu.Unlock()
		if strings.Contains(got, "ping") && strings.Contains(got, "pong") {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("observed %q; want a ping and a pong", got)
		case <-time.After(time.Millisecond):
		}
	}
}
