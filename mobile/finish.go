//go:build !js

package mobile

import (
	"errors"

	"github.com/tetherws/tether/sdk"
)

// finish ends the session: it makes sure the SDK's goroutines are gone,
// delivers what is left, then the one final OnClose.
func (s *session) finish() {
	if cl := s.merge.cl; cl != nil {
		_ = cl.Close() // after a give-up: waits for the SDK's supervisor to exit
		s.handleAll(s.ctl.take())
		s.drain()
	}
	cause := s.endCause()
	s.reportError(cause)
	s.mu.Lock()
	lost := s.lost
	s.lost = nil
	s.mu.Unlock()
	s.postUnsent(lost)
	s.owner.endSession(s, s.finalStatus(cause))
}

// endCause is why the session ended: nil after Close or OnBackground.
func (s *session) endCause() error {
	s.mu.Lock()
	stopping, dialErr := s.stopping, s.dialErr
	s.mu.Unlock()
	switch {
	case stopping:
		return nil
	case dialErr != nil:
		return dialErr
	}
	if err := s.merge.cl.Err(); err != nil && err != sdk.ErrClosed {
		return err
	}
	return nil
}

// finalStatus is the code and reason of the final OnClose.
func (s *session) finalStatus(cause error) closeStatus {
	if h := s.merge.held; h != nil {
		return *h
	}
	if st, ok := s.stopStatus(); ok {
		return st
	}
	var ce *sdk.CloseError
	if errors.As(cause, &ce) {
		return closeStatus{code: ce.Code, reason: ce.Reason}
	}
	return closeStatus{code: 1006} // abnormal closure: no close frame
}
