//go:build js && wasm

package sdk

import (
	"syscall/js"
	"time"

	"github.com/tetherws/tether/internal/liveness"
)

// pageSignals relays the page's (or worker's) online and the page's
// visibility events to a client. The
// JavaScript listeners only notify channels; Go goroutines do the work.
type pageSignals struct {
	online  chan struct{} // capacity 1: the online event fired
	visible chan bool     // capacity 1: the latest visibility change
	funcs   []js.Func
	targets []js.Value
	names   []string
}

// offlineRecheck bounds a wait for the online event (the next backoff tick).
const offlineRecheck = 30 * time.Second

func newPageSignals() *pageSignals {
	p := &pageSignals{online: make(chan struct{}, 1), visible: make(chan bool, 1)}
	// globalThis is the window in a page and the WorkerGlobalScope in a Web
	// Worker: both fire online. Node has no such events.
	if g := js.Global(); g.Get("addEventListener").Truthy() {
		p.listen(g, "online", func() { notify(p.online) })
	}
	if doc := js.Global().Get("document"); doc.Truthy() && doc.Get("addEventListener").Truthy() {
		p.listen(doc, "visibilitychange", func() { p.setVisible(!doc.Get("hidden").Bool()) })
	}
	return p
}

func (p *pageSignals) listen(target js.Value, name string, f func()) {
	fn := js.FuncOf(func(js.Value, []js.Value) any { f(); return nil })
	target.Call("addEventListener", name, fn)
	p.funcs, p.targets, p.names = append(p.funcs, fn), append(p.targets, target), append(p.names, name)
}

func (p *pageSignals) setVisible(v bool) {
	select {
	case <-p.visible:
	default:
	}
	p.visible <- v
}

func (p *pageSignals) release() {
	for i, fn := range p.funcs {
		p.targets[i].Call("removeEventListener", p.names[i], fn)
		fn.Release()
	}
}

func navigatorOnline() bool {
	nav := js.Global().Get("navigator")
	if !nav.Truthy() || nav.Get("onLine").Type() != js.TypeBoolean {
		return true
	}
	return nav.Get("onLine").Bool()
}

// waitOnline holds a reconnect attempt while the browser is offline, until the
// online event, a recheck tick, or Close: attempts made offline only burn the
// backoff. It reports false when the client is closing.
func (c *Client) waitOnline() bool {
	for !navigatorOnline() {
		t := time.NewTimer(offlineRecheck)
		select {
		case <-c.page.online:
		case <-t.C:
		case <-c.ctx.Done():
			t.Stop()
			return false
		}
		t.Stop()
	}
	return true
}

// watchPage is the client's page goroutine: it stretches heartbeat timeouts
// while the page is hidden, probes when it becomes visible, and reconnects at
// once when the browser comes back online.
func (c *Client) watchPage() {
	defer c.wg.Done()
	defer c.page.release()
	for {
		select {
		case v := <-c.page.visible:
			c.setHidden(!v)
		case <-c.page.online:
			c.ReconnectNow()
		case <-c.ctx.Done():
			return
		}
	}
}

func (c *Client) setHidden(hidden bool) {
	c.mu.Lock()
	cn := c.conn
	c.mu.Unlock()
	if cn == nil {
		return
	}
	now := c.opts.clock.Now()
	cn.live.do(func(m *liveness.Monitor) { m.SetHidden(hidden, now) })
	if !hidden {
		cn.live.probe(now)
	}
}

func (c *Client) startPlatform() {
	c.page = newPageSignals()
	c.wg.Add(1)
	go c.watchPage()
}
