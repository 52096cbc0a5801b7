//go:build !js

package native

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tetherws/tether/transport"
)

// A server certificate the client does not trust fails the dial with an
// error that is transport.ErrCertificate and still carries crypto/tls's cause,
// without the URL's credentials.
func TestDialUntrustedCertificate(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the client's TLS alert
	srv.StartTLS()
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	url := "wss://user:hunter2@" + strings.TrimPrefix(srv.URL, "https://") + "/?token=hunter2"
	_, err := (&Dialer{}).Dial(ctx, url, transport.DialOptions{})
	if !errors.Is(err, transport.ErrCertificate) {
		t.Fatalf("err = %v; want transport.ErrCertificate", err)
	}
	var verify *tls.CertificateVerificationError
	if !errors.As(err, &verify) {
		t.Errorf("err = %v (%T); want a *tls.CertificateVerificationError inside", err, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, transport.ErrCertificate.Error()+": ") || strings.Contains(msg, "hunter2") {
		t.Errorf("err = %q; want ErrCertificate's text, then the cause, without credentials", msg)
	}
}
