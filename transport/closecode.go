package transport

// Close status codes (RFC 6455 §7.4.1) that the client sends, reports or
// acts on. Codes are plain ints: any other (1003, 1012, 3000–4999, ...)
// compares the same way.
const (
	StatusNormalClosure   = 1000
	StatusGoingAway       = 1001
	StatusProtocolError   = 1002 // sent to a server that broke the protocol
	StatusAbnormalClosure = 1006 // reported when the connection dropped without a close frame
	StatusInvalidPayload  = 1007 // sent for a text message that is not UTF-8
	StatusPolicyViolation = 1008
	StatusMessageTooBig   = 1009 // sent for a message over the read limit
	StatusInternalError   = 1011
	StatusTryAgainLater   = 1013 // the reconnect policy waits 4 times longer
)
