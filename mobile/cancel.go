//go:build !js

package mobile

import (
	"context"
	"sync"
)

// Cancel is a cancel handle: the gomobile-friendly stand-in for a
// context.Context. Create one with NewCancel, pass it to ConnectWithCancel,
// SendTextWithCancel or SendBinaryWithCancel, and call Cancel from any thread to
// make that call return at once with an error of kind ErrorKindCancelled.
//
// One handle may be shared by several calls; Cancel cancels all of them, and
// calls made with an already cancelled handle fail at once. A nil *Cancel (null
// in Java, nil in Swift) never cancels. The zero Cancel (made by `new Cancel()`
// in Java, which calls NewCancel) is ready to use. All methods are safe for
// concurrent use.
type Cancel struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
}

// NewCancel returns a handle that is not cancelled yet.
func NewCancel() *Cancel {
	h := &Cancel{}
	h.init()
	return h
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

// Cancelled reports whether Cancel was called.
func (h *Cancel) Cancelled() bool {
	return h.context().Err() != nil
}

// context returns the handle's context; a nil handle never ends.
func (h *Cancel) context() context.Context {
	if h == nil {
		return context.Background()
	}
	h.init()
	return h.ctx
}
