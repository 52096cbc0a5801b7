package transport

// Close status codes defined by RFC 6455 §7.4.1 and the IANA registry.
const (
	StatusNormalClosure      = 1000
	StatusGoingAway          = 1001
	StatusProtocolError      = 1002
	StatusUnsupportedData    = 1003
	StatusNoStatusReceived   = 1005
	StatusAbnormalClosure    = 1006
	StatusInvalidPayload     = 1007
	StatusPolicyViolation    = 1008
	StatusMessageTooBig      = 1009
	StatusMandatoryExtension = 1010
	StatusInternalError      = 1011
	StatusServiceRestart     = 1012
	StatusTryAgainLater      = 1013
	StatusBadGateway         = 1014
	StatusTLSHandshake       = 1015
	MaxCloseReasonBytes      = 123
)
