//go:build !tether_small && !js

package sdk

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/tetherws/tether/transport"
)

// syncBuffer is a bytes.Buffer safe for the client's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLoggerRecordsWithoutCredentials: the client logs its life cycle to
// Options.Logger, and the credentials in the URL never reach a record.
func TestLoggerRecordsWithoutCredentials(t *testing.T) {
	var out syncBuffer
	o := noReconnect()
	o.Logger = slog.New(slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	base := testServerURL(t)
	url := strings.Replace(base, "://", "://alice-token-123:pw-s3cret@", 1) + "/echo?token=tok-s3cret&room=lobby"
	c := dialT(t, url, o)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	logs := out.String()
	for _, want := range []string{"tether: connecting", "tether: open", "tether: connection closed", "room=REDACTED"} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %q:\n%s", want, logs)
		}
	}
	for _, secret := range []string{"alice-token-123", "pw-s3cret", "tok-s3cret", "lobby"} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log contains the credential %q:\n%s", secret, logs)
		}
	}
}

// TestNilLoggerIsSilentAndSafe: the zero Options log nothing and do not fail.
func TestNilLoggerIsSilentAndSafe(t *testing.T) {
	c := dialT(t, testServerURL(t)+"/echo", nil)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestNilSlogLoggerIsSilentAndSafe: a nil *slog.Logger in Options.Logger (a
// typed nil in the interface) is silent too, not a panic on the first record.
func TestNilSlogLoggerIsSilentAndSafe(t *testing.T) {
	var l *slog.Logger
	c := dialT(t, testServerURL(t)+"/echo", &Options{Logger: l})
	if err := c.Send(testCtx(t), transport.TextMessage("hello")); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// recordingLogger is a Logger that is not a *slog.Logger.
type recordingLogger struct {
	mu   sync.Mutex
	msgs []string
}

func (r *recordingLogger) Debug(msg string, _ ...any) { r.add(msg) }
func (r *recordingLogger) Info(msg string, _ ...any)  { r.add(msg) }

func (r *recordingLogger) add(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, msg)
}

// TestAnyLoggerReceivesRecords: Options.Logger takes any type with Debug and
// Info, not only *slog.Logger.
func TestAnyLoggerReceivesRecords(t *testing.T) {
	r := &recordingLogger{}
	c := dialT(t, testServerURL(t)+"/echo", &Options{Logger: r})
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.msgs) == 0 {
		t.Fatal("the logger received no record")
	}
}
