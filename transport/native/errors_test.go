//go:build !js

package native

import (
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"
)

var retryAfterNow = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{" 120 ", 2 * time.Minute},
		{"2147483648", 2147483648 * time.Second},
		{"2147483649", 2147483649 * time.Second},
		{"9223372036", maxRetryAfter},
		{"9223372037", maxRetryAfter},
		{"9223372036854775807", maxRetryAfter},
		{"99999999999999999999999999999999", maxRetryAfter},
		{"-5", 0},
		{"+5", 0},
		{"1.5", 0},
		{"soon", 0},
		{retryAfterNow.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{retryAfterNow.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"Fri, 31 Dec 9999 23:59:59 GMT", maxRetryAfter},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, retryAfterNow); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzRetryAfter checks retryAfter against arbitrary-precision arithmetic:
// digits mean that many seconds, saturating at maxRetryAfter; never negative.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "120", "2147483649", "9223372037", "1e3", " 7 ", "Sun, 06 Nov 1994 08:49:37 GMT", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got := retryAfter(v, retryAfterNow)
		if got < 0 || got > maxRetryAfter {
			t.Fatalf("retryAfter(%q) = %v, out of range", v, got)
		}
		digits := strings.TrimSpace(v)
		if digits == "" || strings.Trim(digits, "0123456789") != "" {
			return
		}
		n, _ := new(big.Int).SetString(digits, 10)
		want := maxRetryAfter
		if n.Cmp(big.NewInt(int64(maxRetryAfter/time.Second))) < 0 {
			want = time.Duration(n.Int64()) * time.Second
		}
		if got != want {
			t.Fatalf("retryAfter(%q) = %v, want %v", v, got, want)
		}
	})
}
