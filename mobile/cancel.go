//go:build !js

package mobile

import (
	"context"
	"sync"
)

// Cancel is a cancel handle: the gomobile-friendly stand-in for a
// context.Context. Create one (`Cancel()` in Kotlin, `MobileCancel()` in
// Swift, new(Cancel) in Go: the zero value is ready to use), pass it to
// Connect, SendText or SendBinary, and call Cancel from any thread to make
// that call return at once with an error of kind "cancelled".
//
// One handle may be shared by several calls; Cancel cancels all of them, and
// calls made with an already cancelled handle fail at once. A nil *Cancel
// (null in Kotlin, nil in Swift) never cancels. All methods are safe for
// concurrent use.
type Cancel struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
}

func (h *Cancel) init() {
	h.once.Do(func() { h.ctx, h.cancel = context.WithCancel(context.Background()) })
}

// Cancel cancels every call using this handle, now and later. It is
// idempotent and never blocks.
func (h *Cancel) Cancel() {
	h.init()
	h.cancel()
}

// context returns the handle's context; a nil handle never ends.
func (h *Cancel) context() context.Context {
	if h == nil {
		return context.Background()
	}
	h.init()
	return h.ctx
}
