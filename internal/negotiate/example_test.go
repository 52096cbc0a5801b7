package negotiate_test

import (
	"errors"
	"fmt"

	"github.com/tetherws/tether/internal/negotiate"
	"github.com/tetherws/tether/internal/wserr"
	"github.com/tetherws/tether/subprotocol"
)

func ExampleOffer_Check() {
	offer := negotiate.Offer{
		Protocols:   []string{"chat.v2", "chat.v1"},
		Credentials: []string{subprotocol.BearerToken("s3cret")},
	}
	if err := offer.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("offered:", negotiate.FormatHeader(offer.Redacted()))

	// The server's Sec-WebSocket-Protocol header, split.
	selected, _ := negotiate.ParseHeader([]string{"chat.v1"})
	agreed, err := offer.Check(selected, true)
	fmt.Println("agreed:", agreed, err)

	_, err = offer.Check([]string{"chat.v3"}, true)
	var mismatch *subprotocol.MismatchError
	fmt.Println(errors.Is(err, wserr.ErrSubprotocolMismatch), errors.As(err, &mismatch))
	fmt.Println(err)
	// Output:
	// offered: chat.v2, chat.v1, [credential]
	// agreed: chat.v1 <nil>
	// true true
	// tether: subprotocol mismatch: server selected a protocol that was not offered (offered: chat.v2, chat.v1, [credential]; selected: chat.v3)
}

func Example_credentialEntry() {
	entry := subprotocol.BearerToken("my-token")
	fmt.Println(entry)
	fmt.Println(negotiate.IsToken(entry), negotiate.IsCredential(entry))

	offer := negotiate.Offer{Protocols: []string{"v4.channel.k8s.io"}, Credentials: []string{entry}}
	fmt.Println(offer.Redacted())
	// Output:
	// base64url.bearer.authorization.k8s.io.bXktdG9rZW4
	// true true
	// [v4.channel.k8s.io [credential]]
}
