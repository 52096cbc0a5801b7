package negotiate

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tetherws/tether/internal/grammar"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/subprotocol"
)

func TestLookupBuiltins(t *testing.T) {
	for _, name := range []string{"graphql-transport-ws", "mqtt"} {
		if p, ok := Lookup(nil, name); !ok || p.Name != name || p.Heartbeat.Ping == nil {
			t.Errorf("Lookup(nil, %s) = %+v, %v", name, p, ok)
		}
	}
	for _, name := range []string{"MQTT", "chat", ""} {
		if p, ok := Lookup(nil, name); ok {
			t.Errorf("Lookup(nil, %q) = %+v; names are case-sensitive and only built-ins apply", name, p)
		}
	}
}

func TestLookupExtraTakesPrecedence(t *testing.T) {
	extra := []subprotocol.Profile{
		{Name: "chat.v1", Codec: stubCodec{}},
		{Name: "mqtt"}, // no heartbeat: replaces the built-in one
	}
	if p, ok := Lookup(extra, "chat.v1"); !ok || p.Codec == nil {
		t.Errorf("Lookup(chat.v1) = %+v, %v", p, ok)
	}
	if p, ok := Lookup(extra, "mqtt"); !ok || p.Heartbeat.Ping != nil {
		t.Errorf("Lookup(mqtt) = %+v, %v; want the extra profile", p, ok)
	}
	if p, ok := Lookup(extra, "graphql-transport-ws"); !ok || p.Heartbeat.Ping == nil {
		t.Errorf("Lookup(graphql-transport-ws) = %+v, %v; want the built-in one", p, ok)
	}
	if p, _ := Lookup(nil, "mqtt"); p.Heartbeat.Ping == nil {
		t.Error("an earlier lookup changed the built-in profile")
	}
}

// TestLookupConcurrent: many clients may share one list of extra profiles;
// Lookup only reads it (run with -race).
func TestLookupConcurrent(t *testing.T) {
	extra := []subprotocol.Profile{{Name: "p0"}, {Name: "p1"}, {Name: "mqtt"}}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			name := fmt.Sprintf("p%d", i%2)
			for range 100 {
				if _, ok := Lookup(extra, name); !ok {
					t.Errorf("Lookup(%s) missed", name)
				}
				if p, ok := Lookup(extra, "mqtt"); !ok || p.Heartbeat.Ping != nil {
					t.Errorf("Lookup(mqtt) = %+v, %v", p, ok)
				}
			}
		})
	}
	wg.Wait()
}

func TestCheckProfiles(t *testing.T) {
	tests := []struct {
		name     string
		profiles []subprotocol.Profile
		wantErr  string // suffix of the error; "" means valid
	}{
		{name: "nil", profiles: nil},
		{name: "valid", profiles: []subprotocol.Profile{{Name: "chat.v1"}, {Name: "mqtt"}, {Name: "Chat.v1"}}},
		{name: "empty", profiles: []subprotocol.Profile{{Name: "a"}, {}}, wantErr: "Profiles[1].Name is empty"},
		{name: "space", profiles: []subprotocol.Profile{{Name: "a b"}}, wantErr: "Profiles[0].Name contains a space at byte 1"},
		{name: "comma", profiles: []subprotocol.Profile{{Name: "a,b"}}, wantErr: "Profiles[0].Name contains a comma at byte 1"},
		{name: "credential", profiles: []subprotocol.Profile{{Name: subprotocol.BearerToken(secret)}},
			wantErr: "Profiles[0].Name is a credential entry"},
		{name: "duplicate", profiles: []subprotocol.Profile{{Name: "a"}, {Name: "b"}, {Name: "a"}},
			wantErr: `Profiles[2].Name "a" duplicates Profiles[0]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckProfiles(tt.profiles)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckProfiles() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, wserr.ErrInvalidSubprotocolName) || !strings.HasSuffix(err.Error(), tt.wantErr) {
				t.Fatalf("CheckProfiles() = %v, want ErrInvalidName ending %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), bearer[len(grammar.BearerPrefix):]) {
				t.Errorf("CheckProfiles() error %q leaks the credential", err)
			}
		})
	}
}

// stubCodec is a Codec for tests that need one.
type stubCodec struct{}

func (stubCodec) Encode(any) (bool, []byte, error) { return false, nil, nil }
func (stubCodec) Decode(bool, []byte, any) error   { return nil }
