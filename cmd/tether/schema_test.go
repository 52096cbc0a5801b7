//go:build !js

package main

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// eventFields is the --json schema: the fields of each event besides "event"
// and "time", with their JSON types. Issue #7 names most of them; the extras
// (sent's type/data, heartbeat's smoothed_ms, reconnecting's retry/kind,
// close's and error's final, the unsent event) are documented in usage.go.
var eventFields = map[string]map[string]string{
	"connecting":   {"attempt": "number", "url": "string"},
	"open":         {"attempt": "number", "subprotocol": "string", "reconnect": "bool"},
	"message":      {"type": "string", "data": "string"},
	"sent":         {"type": "string", "data": "string"},
	"heartbeat":    {"rtt_ms": "number", "smoothed_ms": "number"},
	"ping":         {"from": "string"},
	"pong":         {"from": "string"},
	"reconnecting": {"attempt": "number", "retry": "number", "delay_ms": "number", "error": "string", "kind": "string"},
	"close":        {"code": "number", "reason": "string", "final": "bool"},
	"unsent":       {"count": "number", "type": "string", "data": "string", "maybe_delivered": "bool", "error": "string"},
	"error":        {"error": "string", "kind": "string", "final": "bool"},
}

// errorKinds are the values of "kind" (error and reconnecting events).
var errorKinds = []string{"handshake", "subprotocol", "heartbeat", "network", "closed", "tls",
	"message_too_big", "timeout", "input"}

// nanoTime is RFC 3339 with exactly nine fractional digits.
var nanoTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d)$`)

// checkSchema fails the test unless line is one event with exactly the fields
// of its kind, "event" and "time" first, and time in RFC 3339 with nanoseconds.
func checkSchema(t *testing.T, line string, e event) {
	t.Helper()
	if !strings.HasPrefix(line, `{"event":"`+e.kind()+`","time":"`) {
		t.Errorf("event and time are not the first fields: %s", line)
	}
	if ts := e.str("time"); !nanoTime.MatchString(ts) {
		t.Errorf("time %q is not RFC 3339 with nanoseconds: %s", ts, line)
	} else if _, err := time.Parse(time.RFC3339Nano, ts); err != nil {
		t.Errorf("time %q: %v", ts, err)
	}
	want, ok := eventFields[e.kind()]
	if !ok {
		t.Errorf("unknown event %q: %s", e.kind(), line)
		return
	}
	for k, v := range e {
		if k == "event" || k == "time" {
			continue
		}
		if typ, ok := want[k]; !ok || typ != jsonType(v) {
			t.Errorf("%s: field %q (%s) is not in the schema %v: %s", e.kind(), k, jsonType(v), want, line)
		}
	}
	for k := range want {
		if _, ok := e[k]; !ok {
			t.Errorf("%s: field %q missing: %s", e.kind(), k, line)
		}
	}
	if k, ok := e["kind"]; ok && !slices.Contains(errorKinds, k.(string)) {
		t.Errorf("kind %q is not one of %v", k, errorKinds)
	}
}

func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "bool"
	}
	return "other"
}
