// Command wasmrun plays the parity scenarios with package sdk and prints one
// JSON line per run: {"mode","scenario","outcome"}. tests/parity builds it
// with GOOS=js GOARCH=wasm and runs it in Node (go_js_wasm_exec), so the Go
// code of the native runs is the code that runs here.
//
//	wasmrun -server "ports P… refused R" [-target wasm] [-modes explicit,defaults] [-scenarios 1,2]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/tetherws/tether/tests/parity"
)

type result struct {
	Mode     string `json:"mode"`
	Scenario int    `json:"scenario"`
	Outcome  string `json:"outcome"`
}

func main() {
	server := flag.String("server", "", `the parity server's first line: "ports P… refused R"`)
	target := flag.String("target", "wasm", "target name, part of each run's key")
	modes := flag.String("modes", strings.Join(parity.Modes, ","), "modes to run")
	only := flag.String("scenarios", "", "scenario ids to run (default: all)")
	flag.Parse()
	if err := run(*server, *target, *modes, *only); err != nil {
		fmt.Fprintln(os.Stderr, "wasmrun:", err)
		os.Exit(1)
	}
}

func run(server, target, modes, only string) error {
	spec, err := parity.LoadSpec()
	if err != nil {
		return err
	}
	srv, err := parity.ParseServerLine(server)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, id := range strings.Split(only, ",") {
		want[strings.TrimSpace(id)] = true
	}
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		enc = json.NewEncoder(os.Stdout)
	)
	for _, mode := range strings.Split(modes, ",") {
		for i, sc := range spec.Scenarios {
			if only != "" && !want[strconv.Itoa(sc.ID)] {
				continue
			}
			r := parity.Run{Spec: spec, Server: srv, Sc: sc, Mode: mode, Port: i,
				Key: fmt.Sprintf("%s-%s-%d", target, mode, sc.ID)}
			wg.Add(1)
			go func() {
				defer wg.Done()
				out := parity.RunSDK(context.Background(), r)
				mu.Lock()
				defer mu.Unlock()
				_ = enc.Encode(result{Mode: r.Mode, Scenario: r.Sc.ID, Outcome: out})
			}()
		}
	}
	wg.Wait()
	return nil
}
