package gobind

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// toolTimeout bounds every command the test runs (installs may download).
const toolTimeout = 3 * time.Minute

// moduleDir is the tests module's root: gobind and go run there.
const moduleDir = ".."

// run runs name with args in moduleDir and returns its combined output.
func run(t *testing.T, env []string, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), toolTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = moduleDir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// mustRun is run that fails the test on error.
func mustRun(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	out, err := run(t, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// findGobind returns a gobind binary, or skips the test when none can be had:
// $TETHER_GOBIND; else `go install` of the version this module's go.mod pins
// (into a temporary GOBIN); else gobind on PATH, in GOBIN or GOPATH/bin;
// else `go install golang.org/x/mobile/cmd/gobind@latest`.
func findGobind(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("SKIP gobind: the go command is not on PATH")
	}
	if out, err := run(t, nil, "go", "list", "golang.org/x/mobile/bind"); err != nil {
		t.Skipf("SKIP gobind: golang.org/x/mobile/bind is not available (no module proxy?): %v\n%s", err, out)
	}
	if p := os.Getenv("TETHER_GOBIND"); p != "" {
		return p
	}
	gobin := t.TempDir()
	env := []string{"GOBIN=" + gobin}
	pinned, errPinned := run(t, env, "go", "install", "golang.org/x/mobile/cmd/gobind")
	if errPinned == nil {
		return filepath.Join(gobin, "gobind")
	}
	if p := installedGobind(t); p != "" {
		return p
	}
	latest, errLatest := run(t, env, "go", "install", "golang.org/x/mobile/cmd/gobind@latest")
	if errLatest == nil {
		return filepath.Join(gobin, "gobind")
	}
	t.Skipf("SKIP gobind: not on PATH/GOBIN and cannot be installed:\n"+
		"go install (pinned): %v\n%s\ngo install @latest: %v\n%s", errPinned, pinned, errLatest, latest)
	return ""
}

// installedGobind looks for gobind on PATH, then in GOBIN and GOPATH/bin.
func installedGobind(t *testing.T) string {
	if p, err := exec.LookPath("gobind"); err == nil {
		return p
	}
	for _, v := range []string{"GOBIN", "GOPATH"} {
		dir := strings.TrimSpace(mustRun(t, nil, "go", "env", v))
		if v == "GOPATH" {
			dir = filepath.Join(filepath.SplitList(dir + string(os.PathListSeparator))[0], "bin")
		}
		if p := filepath.Join(dir, "gobind"); dir != "" && isFile(p) {
			return p
		}
	}
	return ""
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
