//go:build unix

package parity

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Outcomes holds one target's outcome per mode and scenario id.
type Outcomes map[string]map[int]string

func (o Outcomes) set(mode string, id int, outcome string) {
	if o[mode] == nil {
		o[mode] = map[int]string{}
	}
	o[mode][id] = outcome
}

// target is one way of running the scenarios.
type target struct {
	name  string
	js    bool                 // runs over a browser-like WebSocket: the browser limits may show
	build func(env *env) error // builds what run needs, before any target runs; nil: nothing
	run   func(t *testing.T, env *env) Outcomes
}

// env is what every target's runs share.
type env struct {
	spec *Spec
	srv  Server
	line string // the server's first line, for the wasm runner
	tmp  string // a directory that outlives the target subtests
	ctx  context.Context
}

var targets = []target{
	{name: "sdk", run: runSDKTarget},
	{name: "wasm", js: true, build: buildWasm, run: runWasmTarget},
	{name: "mobile", run: runMobileTarget},
	{name: "cli", build: buildCLI, run: runCLITarget},
}

// TestSpec checks expected.json itself: twelve scenarios or more, each with a
// plan whose messages parse and an outcome for both modes.
func TestSpec(t *testing.T) {
	spec, err := LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	if len(spec.Scenarios) < 12 {
		t.Errorf("%d scenarios, want at least the 12 of issue 15", len(spec.Scenarios))
	}
	seen := map[int]bool{}
	for _, sc := range spec.Scenarios {
		if seen[sc.ID] {
			t.Errorf("scenario id %d twice", sc.ID)
		}
		seen[sc.ID] = true
		for _, m := range append(slices.Concat(sc.Plan...), sc.WhileReconnecting...) {
			if _, err := ParseMsg(m); err != nil {
				t.Errorf("scenario %d: %v", sc.ID, err)
			}
		}
		if len(sc.Plan) == 0 {
			t.Errorf("scenario %d: empty plan", sc.ID)
		}
		for _, mode := range Modes {
			if sc.Expect[mode] == "" {
				t.Errorf("scenario %d: no expected outcome for %s", sc.ID, mode)
			}
		}
	}
	for _, mode := range Modes {
		if spec.Bound(mode) <= 0 {
			t.Errorf("no bound for %s", mode)
		}
	}
}

// TestParity runs every scenario in both modes on every Go target against
// the Node ws parity server, prints the matrix and fails for each outcome
// that differs from expected.json by more than a listed browser limit.
func TestParity(t *testing.T) {
	spec, err := LoadSpec()
	if err != nil {
		t.Fatal(err)
	}
	node := findNode(t)
	srv, line := startServer(t, node, 1)
	e := &env{spec: spec, srv: srv, line: line, tmp: t.TempDir()}
	ctx, cancel := context.WithTimeout(context.Background(), spec.Bound(Defaults)+2*time.Minute)
	defer cancel()
	e.ctx = ctx

	results := map[string]Outcomes{}
	var run []target
	for _, tg := range selectedTargets(t) {
		// Builds first: one competing with the runs would slow their handshakes.
		if tg.build == nil {
			run = append(run, tg)
		} else if err := tg.build(e); err != nil {
			t.Errorf("%s: %v", tg.name, err)
			results[tg.name] = notRun(spec, "build failed")
		} else {
			run = append(run, tg)
		}
	}
	start := time.Now()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, tg := range run {
		wg.Add(1)
		go func() { // all at once, whatever -parallel is: most of a run is waiting
			defer wg.Done()
			t.Run(tg.name, func(t *testing.T) {
				out := tg.run(t, e)
				mu.Lock()
				defer mu.Unlock()
				results[tg.name] = out
			})
		}()
	}
	wg.Wait()
	t.Logf("matrix run in %v", time.Since(start).Round(time.Second))
	var names []string
	var js []bool
	for _, tg := range selectedTargets(t) {
		names, js = append(names, tg.name), append(js, tg.js)
	}
	table, bad := Matrix(spec, names, js, results)
	t.Logf("parity matrix (✓ expected outcome, ✓ᴮ expected with the browser limits, ✗ differs):\n%s", table)
	if dir := os.Getenv("TETHER_PARITY_OUT"); dir != "" {
		writeOutcomes(t, filepath.Join(dir, "go.json"), names, js, results)
	}
	for _, b := range bad {
		t.Error(b)
	}
}

// notRun returns outcomes that say why a target did not run.
func notRun(spec *Spec, why string) Outcomes {
	out := Outcomes{}
	for _, mode := range Modes {
		for _, sc := range spec.Scenarios {
			out.set(mode, sc.ID, "not run: "+why)
		}
	}
	return out
}

func selectedTargets(t *testing.T) []target {
	env := os.Getenv("TETHER_PARITY_TARGETS")
	if env == "" {
		return targets
	}
	var out []target
	for _, tg := range targets {
		if slices.Contains(strings.Split(env, ","), tg.name) {
			out = append(out, tg)
		}
	}
	if len(out) == 0 {
		t.Fatalf("TETHER_PARITY_TARGETS=%q names no target (sdk, wasm, mobile, cli)", env)
	}
	return out
}

// runAll runs play for every mode and scenario at once and collects the outcomes.
func runAll(e *env, targetName string, play func(r Run) string) Outcomes {
	out := Outcomes{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, mode := range Modes {
		for i, sc := range e.spec.Scenarios {
			r := Run{Spec: e.spec, Server: e.srv, Sc: sc, Mode: mode, Port: i,
				Key: fmt.Sprintf("%s-%s-%d", targetName, mode, sc.ID)}
			wg.Add(1)
			go func() {
				defer wg.Done()
				o := play(r)
				mu.Lock()
				defer mu.Unlock()
				out.set(r.Mode, r.Sc.ID, o)
			}()
		}
	}
	wg.Wait()
	return out
}

func runSDKTarget(t *testing.T, e *env) Outcomes {
	return runAll(e, "sdk", func(r Run) string { return RunSDK(e.ctx, r) })
}

// Matrix renders the outcomes as a Markdown table (scenario × settings ×
// target) and lists every cell that is not allowed.
func Matrix(spec *Spec, names []string, js []bool, results map[string]Outcomes) (string, []string) {
	var b strings.Builder
	var bad []string
	b.WriteString("| id | scenario | settings | expected | " + strings.Join(names, " | ") + " |\n")
	b.WriteString("|---|---|---|---|" + strings.Repeat("---|", len(names)) + "\n")
	same := map[string]int{}
	for _, mode := range Modes {
		for _, sc := range spec.Scenarios {
			want := sc.Expect[mode]
			fmt.Fprintf(&b, "| %d | %s | %s | %s |", sc.ID, sc.Name, mode, want)
			allOK := true
			for i, name := range names {
				got, ok := results[name][mode][sc.ID]
				if !ok {
					got = "(no outcome)"
				}
				allowed := spec.Allowed(want, js[i])
				switch {
				case got == want:
					b.WriteString(" ✓ |")
				case slices.Contains(allowed[1:], got):
					b.WriteString(" ✓ᴮ " + got + " |")
				default:
					allOK = false
					b.WriteString(" ✗ " + got + " |")
					bad = append(bad, fmt.Sprintf("scenario %d (%s), %s, %s:\n  got  %s\n  want %s",
						sc.ID, sc.Name, mode, name, got, strings.Join(allowed, "\n    or ")))
				}
			}
			b.WriteString("\n")
			if allOK {
				same[mode]++
			}
		}
	}
	for _, mode := range Modes {
		fmt.Fprintf(&b, "\n%s settings: %d of %d scenarios as expected on every target (%s)",
			mode, same[mode], len(spec.Scenarios), strings.Join(names, ", "))
	}
	return b.String(), bad
}

// writeOutcomes writes the outcomes as JSON for web/test/parity-matrix.test.mjs,
// which prints the matrix of every target when it finds them
// (TETHER_PARITY_OUT=DIR for both).
func writeOutcomes(t *testing.T, file string, names []string, js []bool, results map[string]Outcomes) {
	type column struct {
		Name     string   `json:"name"`
		JS       bool     `json:"js"`
		Outcomes Outcomes `json:"outcomes"`
	}
	var out struct {
		Targets []column `json:"targets"`
	}
	for i, n := range names {
		out.Targets = append(out.Targets, column{Name: n, JS: js[i], Outcomes: results[n]})
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err == nil {
		err = os.MkdirAll(filepath.Dir(file), 0o755)
	}
	if err == nil {
		err = os.WriteFile(file, append(b, '\n'), 0o644)
	}
	if err != nil {
		t.Errorf("TETHER_PARITY_OUT: %v", err)
	}
}
