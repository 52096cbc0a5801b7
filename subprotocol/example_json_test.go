//go:build !tether_small

package subprotocol_test

import (
	"fmt"

	"github.com/tetherws/tether/subprotocol"
)

func ExampleJSON() {
	type hello struct {
		Type string `json:"type"`
		N    int    `json:"n"`
	}
	codec := subprotocol.JSON()
	binary, data, err := codec.Encode(hello{Type: "hello", N: 3})
	fmt.Println(binary, string(data), err)

	var back hello
	err = codec.Decode(binary, data, &back)
	fmt.Printf("%+v %v\n", back, err)
	// Output:
	// false {"type":"hello","n":3} <nil>
	// {Type:hello N:3} <nil>
}
