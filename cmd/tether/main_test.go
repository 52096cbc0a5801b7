//go:build !js

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/tetherws/tether/internal/leakcheck"
	"github.com/tetherws/tether/internal/testserver"
)

// binary is the tether executable built once for every test.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tether-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "tether")
	if err := build(binary); err != nil {
		fmt.Fprintln(os.Stderr, err)
		_ = os.RemoveAll(dir)
		os.Exit(1)
	}
	code := 0
	func() {
		defer func() { _ = os.RemoveAll(dir) }()
		leakcheckRun(m, &code)
	}()
	os.Exit(code)
}

// leakcheckRun runs the tests and the leak check without exiting.
func leakcheckRun(m *testing.M, code *int) {
	*code = m.Run()
	if *code == 0 {
		if leaked := leakcheck.Wait(5 * time.Second); leaked != "" {
			fmt.Fprintf(os.Stderr, "leakcheck: goroutines still running:\n%s\n", leaked)
			*code = 1
		}
	}
}

// build compiles the command into path (with -race when the tests use it).
func build(path string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := []string{"build", "-o", path}
	if raceBuild {
		args = append(args, "-race")
	}
	cmd := exec.CommandContext(ctx, "go", append(args, ".")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	return nil
}

// startServer runs an embedded test server for one test.
func startServer(t *testing.T, opts testserver.Options) *testserver.Running {
	t.Helper()
	if opts.MaxSilent == 0 {
		opts.MaxSilent = 3 * time.Second
	}
	srv, err := testserver.Start("", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}
