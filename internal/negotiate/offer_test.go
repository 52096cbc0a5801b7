package negotiate

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tetherws/tether/internal/grammar"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/subprotocol"
)

const secret = "s3cret"

var (
	bearer   = subprotocol.BearerToken(secret)
	custom   = "access_token.s3cret" // a credential IsCredential cannot recognise
	noOffer  = Offer{}
	chatFam  = Offer{Protocols: []string{"chat.v2", "chat.v1"}}
	withCred = Offer{Protocols: []string{"chat"}, Credentials: []string{bearer}}
	inProtos = Offer{Protocols: []string{bearer, "chat"}}
	withCust = Offer{Protocols: []string{"chat"}, Credentials: []string{custom}}
)

func TestOfferValidate(t *testing.T) {
	tests := []struct {
		name    string
		offer   Offer
		wantErr string // suffix of the error; "" means valid
	}{
		{name: "zero", offer: Offer{}},
		{name: "family", offer: chatFam},
		{name: "credential", offer: withCred},
		{name: "credential in protocols", offer: inProtos},
		{name: "case differs", offer: Offer{Protocols: []string{"Chat", "chat"}}},
		{name: "only credentials", offer: Offer{Credentials: []string{bearer}}},
		{name: "empty protocol", offer: Offer{Protocols: []string{"a", ""}}, wantErr: "Protocols[1] is empty"},
		{name: "space", offer: Offer{Protocols: []string{"a b"}}, wantErr: "Protocols[0] contains a space at byte 1"},
		{name: "comma", offer: Offer{Protocols: []string{"a,b"}}, wantErr: "Protocols[0] contains a comma at byte 1"},
		{name: "separator", offer: Offer{Protocols: []string{"a/b"}}, wantErr: "Protocols[0] contains the separator / at byte 1"},
		{name: "duplicate", offer: Offer{Protocols: []string{"a", "b", "a"}}, wantErr: `Protocols[2] "a" duplicates Protocols[0]`},
		{name: "empty credential", offer: Offer{Protocols: []string{"a"}, Credentials: []string{""}}, wantErr: "Credentials[0] is empty"},
		{name: "padded credential", offer: Offer{Credentials: []string{"tok" + secret + "=="}}, wantErr: "Credentials[0] contains the separator = at byte 9"},
		{name: "duplicate credential", offer: Offer{Credentials: []string{bearer, bearer}}, wantErr: "Credentials[1] duplicates Credentials[0]"},
		{name: "credential duplicates protocol", offer: Offer{Protocols: []string{custom}, Credentials: []string{custom}}, wantErr: "Credentials[0] duplicates Protocols[0]"},
		{name: "bearer twice across lists", offer: Offer{Protocols: []string{bearer}, Credentials: []string{bearer}}, wantErr: "Credentials[0] duplicates Protocols[0]"},
		{name: "bearer twice in protocols", offer: Offer{Protocols: []string{bearer, bearer}}, wantErr: "Protocols[1] duplicates Protocols[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.offer.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, wserr.ErrInvalidSubprotocolName) || !strings.HasSuffix(err.Error(), tt.wantErr) {
				t.Fatalf("Validate() = %v, want wserr.ErrInvalidSubprotocolName ending %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), bearer) {
				t.Errorf("Validate() error %q leaks the credential", err)
			}
		})
	}
}

func TestOfferWireAndRedacted(t *testing.T) {
	tests := []struct {
		name        string
		offer       Offer
		wire, shown []string
	}{
		{"zero", noOffer, nil, nil},
		{"family", chatFam, []string{"chat.v2", "chat.v1"}, []string{"chat.v2", "chat.v1"}},
		{"credential", withCred, []string{"chat", bearer}, []string{"chat", "[credential]"}},
		{"credential in protocols moves last", inProtos, []string{"chat", bearer}, []string{"chat", "[credential]"}},
		{"both", Offer{Protocols: []string{"a", bearer, "b"}, Credentials: []string{custom}},
			[]string{"a", "b", bearer, custom}, []string{"a", "b", "[credential]", "[credential]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.offer.Wire(); !slices.Equal(got, tt.wire) || (got == nil) != (tt.wire == nil) {
				t.Errorf("Wire() = %q, want %q", got, tt.wire)
			}
			if got := tt.offer.Redacted(); !slices.Equal(got, tt.shown) {
				t.Errorf("Redacted() = %q, want %q", got, tt.shown)
			}
		})
	}
}

func TestOfferWireDoesNotAlias(t *testing.T) {
	o := Offer{Protocols: []string{"a", "b"}}
	o.Wire()[0] = "x"
	if o.Protocols[0] != "a" {
		t.Fatalf("modifying Wire() changed the offer: %q", o.Protocols)
	}
}

func TestOfferCheck(t *testing.T) {
	tests := []struct {
		name     string
		offer    Offer
		selected []string
		required bool
		want     string
		reason   string   // "" means accepted
		shown    []string // subprotocol.MismatchError.Selected
	}{
		// No offer.
		{"none/none", noOffer, nil, false, "", "", nil},
		{"none/none required", noOffer, nil, true, "", reasonNone, nil},
		{"none/chat", noOffer, []string{"chat"}, false, "", reasonNotOffered, []string{"chat"}},
		{"none/chat required", noOffer, []string{"chat"}, true, "", reasonNotOffered, []string{"chat"}},
		// A family.
		{"family/none", chatFam, nil, false, "", "", nil},
		{"family/empty", chatFam, []string{}, false, "", "", nil},
		{"family/empty string", chatFam, []string{""}, false, "", "", nil},
		{"family/none required", chatFam, nil, true, "", reasonNone, nil},
		{"family/empty string required", chatFam, []string{""}, true, "", reasonNone, nil},
		{"family/v1", chatFam, []string{"chat.v1"}, false, "chat.v1", "", nil},
		{"family/v1 required", chatFam, []string{"chat.v1"}, true, "chat.v1", "", nil},
		{"family/v2 required", chatFam, []string{"chat.v2"}, true, "chat.v2", "", nil},
		{"family/v3", chatFam, []string{"chat.v3"}, false, "", reasonNotOffered, []string{"chat.v3"}},
		{"family/v3 required", chatFam, []string{"chat.v3"}, true, "", reasonNotOffered, []string{"chat.v3"}},
		{"family/case", chatFam, []string{"Chat.v1"}, false, "", reasonNotOffered, []string{"Chat.v1"}},
		{"family/case required", chatFam, []string{"CHAT.V1"}, true, "", reasonNotOffered, []string{"CHAT.V1"}},
		{"family/two", chatFam, []string{"chat.v2", "chat.v1"}, false, "", reasonMultiple, []string{"chat.v2", "chat.v1"}},
		{"family/same twice", chatFam, []string{"chat.v1", "chat.v1"}, true, "", reasonMultiple, []string{"chat.v1", "chat.v1"}},
		{"family/not a token", chatFam, []string{"chat v1"}, false, "", reasonNotOffered, []string{"chat v1"}},
		// Case sensitivity the other way round.
		{"Chat/chat", Offer{Protocols: []string{"Chat"}}, []string{"chat"}, false, "", reasonNotOffered, []string{"chat"}},
		{"Chat/Chat", Offer{Protocols: []string{"Chat"}}, []string{"Chat"}, true, "Chat", "", nil},
		// Credentials in Credentials.
		{"cred/chat", withCred, []string{"chat"}, true, "chat", "", nil},
		{"cred/none", withCred, nil, false, "", "", nil},
		{"cred/none required", withCred, nil, true, "", reasonNone, nil},
		{"cred/cred", withCred, []string{bearer}, false, "", reasonCredential, []string{"[credential]"}},
		{"cred/cred required", withCred, []string{bearer}, true, "", reasonCredential, []string{"[credential]"}},
		{"cred/cred upper", withCred, []string{strings.ToUpper(bearer)}, false, "", reasonCredential, []string{"[credential]"}},
		{"cred/other bearer", withCred, []string{subprotocol.BearerToken("other")}, false, "", reasonCredential, []string{"[credential]"}},
		{"cred/chat and cred", withCred, []string{"chat", bearer}, true, "", reasonMultiple, []string{"chat", "[credential]"}},
		// Credentials listed in Protocols.
		{"inprotos/chat", inProtos, []string{"chat"}, true, "chat", "", nil},
		{"inprotos/cred", inProtos, []string{bearer}, false, "", reasonCredential, []string{"[credential]"}},
		{"inprotos/cred required", inProtos, []string{bearer}, true, "", reasonCredential, []string{"[credential]"}},
		// A credential only the offer knows about.
		{"custom/chat", withCust, []string{"chat"}, false, "chat", "", nil},
		{"custom/cred", withCust, []string{custom}, false, "", reasonCredential, []string{"[credential]"}},
		{"custom/cred case", withCust, []string{strings.ToUpper(custom)}, false, "", reasonNotOffered, []string{"[credential]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.offer.Check(tt.selected, tt.required)
			if got != tt.want {
				t.Errorf("Check() = %q, want %q", got, tt.want)
			}
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("Check() error = %v, want nil", err)
				}
				return
			}
			me := checkMismatch(t, err)
			if me.Reason != tt.reason {
				t.Errorf("Reason = %q, want %q", me.Reason, tt.reason)
			}
			if !slices.Equal(me.Selected, tt.shown) || !slices.Equal(me.Offered, tt.offer.Redacted()) {
				t.Errorf("Selected, Offered = %q, %q; want %q, %q", me.Selected, me.Offered, tt.shown, tt.offer.Redacted())
			}
		})
	}
}

// checkMismatch asserts that err is a non-retryable, redacted *MismatchError.
func checkMismatch(t *testing.T, err error) *subprotocol.MismatchError {
	t.Helper()
	var me *subprotocol.MismatchError
	if !errors.As(err, &me) || !errors.Is(err, wserr.ErrSubprotocolMismatch) {
		t.Fatalf("error = %v, want a *subprotocol.MismatchError matching wserr.ErrSubprotocolMismatch", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "tether: subprotocol mismatch: "+me.Reason) {
		t.Errorf("Error() = %q, want the prefix and the reason", msg)
	}
	for _, s := range []string{err.Error(), strings.Join(me.Offered, ","), strings.Join(me.Selected, ",")} {
		lower := strings.ToLower(s)
		if strings.Contains(lower, secret) || strings.Contains(lower, strings.ToLower(bearer[len(grammar.BearerPrefix):])) {
			t.Errorf("mismatch leaks the credential: %q", s)
		}
	}
	return me
}

func TestCheckDoesNotAliasSelected(t *testing.T) {
	selected := []string{"x", "y"}
	_, err := chatFam.Check(selected, false)
	var me *subprotocol.MismatchError
	if !errors.As(err, &me) {
		t.Fatalf("Check() error = %v", err)
	}
	selected[0] = "changed"
	if me.Selected[0] != "x" {
		t.Fatalf("subprotocol.MismatchError.Selected aliases the caller's slice: %q", me.Selected)
	}
}
