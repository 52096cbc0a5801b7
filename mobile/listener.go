//go:build !js

package mobile

// Listener receives a Client's events. The app implements it (a Kotlin or
// Swift class; see the package documentation) and passes it to NewClient.
//
// Every method is called on the Listener goroutine, which reads the session's
// event stream: one call at a time, in the order the events happened, never
// on the app's UI (main) thread and never while the client holds a lock. It
// is a Go goroutine, so successive calls may come from different OS threads,
// but never two at once: post to the UI thread (runOnUiThread, Handler,
// DispatchQueue.main.async) to touch views. A method may call any Client
// method, including Close (see Close for what it waits for then); it should
// return quickly, since later events wait for it: received messages are
// buffered meanwhile (256 messages, 4 MiB), then the socket is no longer read,
// which slows the server down instead of growing memory.
//
// Order: OnOpen comes before the messages of its connection, and all of them
// come before that connection's OnClose. A session, started by Connect,
// ConnectAsync or OnForeground after a background close, always ends with
// exactly one OnClose whose isFinal is true, the last event of the session;
// a session started after it reports after it.
type Listener interface {
	// OnOpen reports an open connection: the subprotocol the server selected
	// ("" if none), and reconnect true for every open after this client's
	// first.
	OnOpen(subprotocol string, reconnect bool)
	// OnMessage delivers a text message.
	OnMessage(text string)
	// OnBinaryMessage delivers a binary message; data belongs to the callee.
	OnBinaryMessage(data []byte)
	// OnReconnecting reports that the connection was lost (or an attempt
	// failed) and attempt number attempt starts in delayMillis ms, or at once
	// after OnNetworkChange or OnForeground.
	OnReconnecting(attempt int64, delayMillis int64)
	// OnClose reports the end of a connection with its close code and reason
	// (1006 and "" when it ended without a close frame). isFinal is false
	// when the client reconnects by itself (OnReconnecting follows), true
	// when the session is over: after Close, OnBackground (with
	// CloseInBackground), a failed Connect, or when the reconnect policy gave
	// up.
	OnClose(code int64, reason string, isFinal bool)
	// OnError reports why a connection or an attempt failed, before the
	// OnClose or OnReconnecting it causes: kind is one of the lower-case
	// kinds listed at ErrorKindOf ("network", "handshake", ...), message is
	// readable (no credentials). Close and OnBackground
	// report no error.
	OnError(kind string, message string)
	// OnUnsent hands back, once per message, a message the client will not
	// deliver, with the reason: text for a text message (data nil), data for
	// a binary one (text ""). maybeDelivered is true for a message written
	// but not confirmed when its connection ended (at Close or OnBackground,
	// or on a lost connection with Config.HandBackUnconfirmed): the server
	// may or may not have read it, so resend it only if reading it twice is
	// harmless. False: it was never written (queued with EnqueueText or
	// EnqueueBinary when the session ended; a SendText that cannot write
	// returns the error instead). kind is
	// one of the kinds listed at ErrorKindOf ("unconfirmed" when
	// maybeDelivered, else the kind of what ended the session, such as
	// "closed" after Close) and message is readable, with no credentials.
	OnUnsent(isBinary bool, text string, data []byte, maybeDelivered bool, kind string, message string)
}

// The client states, as returned by Client.State; its documentation says
// what each means.
const (
	stateIdle         = "Idle"
	stateConnecting   = "Connecting"
	stateOpen         = "Open"
	stateReconnecting = "Reconnecting"
	stateClosing      = "Closing"
	stateClosed       = "Closed"
)

// nopListener stands in for a nil Listener: the event stream is still read.
type nopListener struct{}

func (nopListener) OnOpen(string, bool)                                 {}
func (nopListener) OnMessage(string)                                    {}
func (nopListener) OnBinaryMessage([]byte)                              {}
func (nopListener) OnReconnecting(int64, int64)                         {}
func (nopListener) OnClose(int64, string, bool)                         {}
func (nopListener) OnError(string, string)                              {}
func (nopListener) OnUnsent(bool, string, []byte, bool, string, string) {}
