//go:build !js

package mobile_test

import (
	"fmt"

	"github.com/tetherws/tether/internal/testserver"
	"github.com/tetherws/tether/mobile"
)

// printer is a Listener that prints what happens and signals seen after
// OnOpen and each message, and closed after the final OnClose, for the
// example to wait on. Apps implement Listener in Kotlin or Swift (see the
// package documentation).
type printer struct{ seen, closed chan struct{} }

func (p printer) OnOpen(subprotocol string, reconnect bool) {
	fmt.Printf("open %s reconnect=%v\n", subprotocol, reconnect)
	p.seen <- struct{}{}
}

func (p printer) OnMessage(text string) {
	fmt.Println("message:", text)
	p.seen <- struct{}{}
}

func (p printer) OnBinaryMessage(data []byte) {
	fmt.Printf("binary: %x\n", data)
	p.seen <- struct{}{}
}

func (p printer) OnReconnecting(attempt, delayMillis int64) { fmt.Println("reconnecting") }
func (p printer) OnError(kind, message string)              { fmt.Println("error:", kind) }
func (p printer) OnUnsent(isBinary bool, t string, d []byte, maybeDelivered bool, kind, message string) {
	fmt.Println("unsent:", t, "maybe delivered:", maybeDelivered, "kind:", kind)
}
func (p printer) OnClose(code int64, reason string, fin bool) {
	fmt.Printf("close %d final=%v\n", code, fin)
	if fin {
		close(p.closed)
	}
}

func Example() {
	srv, err := testserver.Start("", testserver.Options{Subprotocols: []string{"chat.v1"}})
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	cfg := mobile.NewConfig()
	cfg.Subprotocols = "chat.v2, chat.v1"
	events := printer{seen: make(chan struct{}, 3), closed: make(chan struct{})}
	c, err := mobile.NewClient(srv.URL("/echo"), cfg, events)
	if err != nil {
		panic(err)
	}
	if err := c.Connect(nil); err != nil { // blocks: apps call it off the UI thread
		fmt.Println("connect failed:", err)
		return
	}
	<-events.seen
	fmt.Println("state:", c.State(), "subprotocol:", c.Subprotocol())
	_ = c.SendText("hello", nil)            // blocks until written
	_ = c.EnqueueBinary([]byte{0xca, 0xfe}) // never blocks
	<-events.seen
	<-events.seen
	c.OnNetworkChange() // open: probes the connection
	_ = c.Close()       // closes the connection, then the final OnClose comes
	<-events.closed     // (Close waits for it too, unless a Listener method still runs)
	fmt.Println("state:", c.State())
	// Output:
	// open chat.v1 reconnect=false
	// state: Open subprotocol: chat.v1
	// message: hello
	// binary: cafe
	// close 1000 final=true
	// state: Closed
}
