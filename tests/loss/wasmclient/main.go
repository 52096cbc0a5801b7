// Command wasmclient runs the loss audit's clients in js/wasm under Node
// (go_js_wasm_exec, NODE_OPTIONS=--experimental-websocket): four clients
// with an application heartbeat, re-send and hand-back policies, each with
// Enqueue and with Send. It prints one JSON line per event the audit waits
// for ({"open":"id"} at each client's first open) and, once stdin is closed
// (the signal to stop), closes the clients and prints {"report":{...}} for
// each. It builds natively too, which the audit does not use.
//
// Usage: wasmclient -url ws://127.0.0.1:PORT/loss -prefix w
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/tetherws/tether/tests/loss/sender"
)

func main() {
	url := flag.String("url", "", "the proxy's ws URL")
	prefix := flag.String("prefix", "w", "client id prefix")
	flag.Parse()
	if *url == "" {
		fmt.Fprintln(os.Stderr, "wasmclient: -url is required")
		os.Exit(2)
	}
	if err := run(*url, *prefix); err != nil {
		fmt.Fprintln(os.Stderr, "wasmclient:", err)
		os.Exit(1)
	}
}

// out serialises the JSON lines written to stdout.
var out = struct {
	sync.Mutex
	enc *json.Encoder
}{enc: json.NewEncoder(os.Stdout)}

func emit(v any) {
	out.Lock()
	defer out.Unlock()
	_ = out.enc.Encode(v)
}

func run(url, prefix string) error {
	cfgs := configs(url, prefix)
	stop := make(chan struct{})
	reports := make([]*sender.Report, len(cfgs))
	errs := make([]error, len(cfgs))
	var wg sync.WaitGroup
	for i, cfg := range cfgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reports[i], errs[i] = sender.Run(cfg, stop)
		}()
	}
	_, _ = io.Copy(io.Discard, os.Stdin) // stdin closed: stop
	close(stop)
	wg.Wait()
	for i, rep := range reports {
		if errs[i] != nil {
			return fmt.Errorf("client %s: %w", cfgs[i].ID, errs[i])
		}
		emit(map[string]any{"report": rep})
	}
	return nil
}

func configs(url, prefix string) []sender.Config {
	var cfgs []sender.Config
	for _, handBack := range []bool{false, true} {
		for _, useSend := range []bool{false, true} {
			id := fmt.Sprintf("%s%s%s", prefix, map[bool]string{false: "r", true: "h"}[handBack],
				map[bool]string{false: "e", true: "s"}[useSend])
			cfgs = append(cfgs, sender.Config{URL: url, ID: id, HandBack: handBack, UseSend: useSend,
				AppPing: true, OnFirstOpen: func() { emit(map[string]string{"open": id}) }})
		}
	}
	return cfgs
}
