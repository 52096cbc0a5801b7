//go:build !js

package mobile

import (
	"context"
	"fmt"

	"github.com/tetherws/tether/sdk"
)

// CredentialsProvider supplies the URL and bearer token of each connection
// attempt, so a reconnect can use a refreshed token (or a new signed URL)
// instead of the one the session started with. The app implements it (a
// Kotlin or Swift class) and sets it in Config.CredentialsProvider.
type CredentialsProvider interface {
	// Credentials is called before every connection attempt of a session,
	// the first included, on a goroutine of the client (never the UI
	// thread); attempt counts the session's attempts from 1. It returns
	// the attempt's credentials: nil, or an empty field, keeps the previous
	// attempt's (the first time: NewClient's url and Config.BearerToken).
	//
	// An error fails the attempt (kind "credentials"): the reconnect
	// policy retries it like a network failure, except a first attempt
	// without RetryFirstDial, which ends the session. The attempt, and
	// Close, wait for Credentials to return: keep it bounded (an HTTP
	// timeout shorter than HandshakeTimeoutMillis), and do not call Close
	// from it (CloseAsync is fine).
	Credentials(attempt int64) (*Credentials, error)
}

// Credentials are what a CredentialsProvider returns for one attempt. Create
// one with NewCredentials (`Credentials(url, token)` in Kotlin,
// `MobileCredentials(url, bearerToken:)` in Swift); an empty field keeps the
// previous attempt's value.
type Credentials struct {
	// URL is the attempt's URL (ws://, wss://, http(s)://). Empty: the
	// previous attempt's.
	URL string
	// BearerToken is sent as "Authorization: Bearer <token>", replacing the
	// previous attempt's. Empty: the previous attempt's. It never appears in
	// errors or events.
	BearerToken string
}

// NewCredentials returns credentials with url and bearerToken; either may be
// empty.
func NewCredentials(url, bearerToken string) *Credentials {
	return &Credentials{URL: url, BearerToken: bearerToken}
}

// beforeDial adapts p to sdk.Options.BeforeDial.
func beforeDial(p CredentialsProvider) func(context.Context, int, sdk.DialParams) (sdk.DialParams, error) {
	return func(_ context.Context, attempt int, params sdk.DialParams) (sdk.DialParams, error) {
		cr, err := p.Credentials(int64(attempt))
		if err != nil {
			return params, fmt.Errorf("%w: %w", errCredentials, err)
		}
		return cr.apply(params), nil
	}
}

// apply returns params with the non-empty fields of cr.
func (cr *Credentials) apply(params sdk.DialParams) sdk.DialParams {
	if cr == nil {
		return params
	}
	if cr.URL != "" {
		params.URL = cr.URL
	}
	if cr.BearerToken != "" {
		params.Header = withBearer(params.Header, cr.BearerToken)
	}
	return params
}

// withBearer returns a copy of h whose Authorization is the bearer token: the
// previous attempt's map is not changed.
func withBearer(h map[string][]string, token string) map[string][]string {
	out := make(map[string][]string, len(h)+1)
	for k, v := range h {
		out[k] = v
	}
	out["Authorization"] = []string{"Bearer " + token}
	return out
}
