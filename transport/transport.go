package transport

import "context"

// DialOptions are the per-attempt parameters a Dialer needs. The zero value offers
// no subprotocol, sends no extra header and uses the transport's default read limit.
type DialOptions struct {
	// Subprotocols is sent as Sec-WebSocket-Protocol in this order. The transport
	// does not validate the server's choice: the caller does, with Conn.Subprotocol
	// and Conn.SubprotocolHeader.
	Subprotocols []string
	// Header holds extra handshake request headers. Transports that cannot set
	// headers (browsers) return an error when it is non-empty.
	Header map[string][]string
	// ReadLimit is the largest message Read accepts, in bytes. Zero means the
	// transport's default; a negative value means no limit.
	ReadLimit int64
	// Compression is offered to the server when the transport can choose
	// (natively; browsers choose themselves). Zero: CompressionOff.
	Compression Compression
}

// Dialer opens WebSocket connections. Implementations are safe for concurrent use.
type Dialer interface {
	// Dial performs the opening handshake for url (ws:// or wss://) and returns an
	// open connection. The context bounds the handshake only, not the connection.
	Dial(ctx context.Context, url string, opts DialOptions) (Conn, error)
}

// Conn is one open WebSocket connection. See the package documentation for which
// methods may be called concurrently.
type Conn interface {
	// Read blocks until a data message arrives and returns it. The caller owns the
	// returned slice. Only one goroutine may be in Read at a time.
	Read(ctx context.Context) (MessageType, []byte, error)
	// Write sends one whole message. It is safe for concurrent use; the transport
	// does not retain p after Write returns.
	Write(ctx context.Context, typ MessageType, p []byte) error
	// Ping sends a protocol-level ping and waits for the pong. It needs a
	// goroutine in Read to see the pong. Browsers return an error.
	Ping(ctx context.Context) error
	// Close starts the close handshake with code and reason and releases the
	// connection. It returns nil only when the peer answered the close frame
	// (the handshake completed: the peer read everything written before
	// it); later calls return nil.
	Close(code int, reason string) error
	// Abort is Close for a connection already known to be dead (heartbeat
	// timeout): it releases the connection at once, without waiting for the
	// peer. Native connections send no close frame; browsers send one with a
	// browser-legal code and do not wait for its answer.
	Abort(code int, reason string)
	// Subprotocol returns the first Sec-WebSocket-Protocol value the server
	// selected, or "" if none.
	Subprotocol() string
	// SubprotocolHeader returns every Sec-WebSocket-Protocol value the server sent
	// (split on commas), so the caller can reject an answer with several values.
	// Browsers expose only the single selected value.
	SubprotocolHeader() []string
	// BufferedAmount reports bytes accepted by Write but not yet handed to the
	// network, where the platform exposes it (browsers); otherwise 0.
	BufferedAmount() int64
	// CancelableRead reports whether a Read whose context ends returns the
	// context's error without consuming a message or harming the connection
	// (browsers: Read only takes from a queue). When false (coder/websocket
	// closes the connection on a cancelled read) callers read with a context
	// that never ends.
	CancelableRead() bool
	// TryWrite sends one whole message only if it can do so without blocking
	// (browsers: the socket is open and its buffer is at or below the
	// high-water mark). written reports whether it did; false with a nil error
	// means nothing was sent and the caller should Write instead. An error
	// means the connection can no longer send. Native connections always
	// return false, nil: a socket write may block.
	TryWrite(typ MessageType, p []byte) (written bool, err error)
}
