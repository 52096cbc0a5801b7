//go:build !js

// Package layout checks the repository's build contracts: platform packages
// carry their build tags, and the browser build never links net/http.
package layout

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const root = "../.."

// TestPlatformFilesCarryBuildTags requires every Go file of a platform package
// to start with its build constraint.
func TestPlatformFilesCarryBuildTags(t *testing.T) {
	dirs := map[string]string{
		"transport/native": "//go:build !js",
		"transport/jsws":   "//go:build js && wasm",
	}
	for dir, want := range dirs {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(string(b), "\n"); first != want {
				t.Errorf("%s: first line %q, want %q", f, first, want)
			}
		}
	}
}

// TestBrowserBuildHasNoNetHTTP lists the js/wasm dependencies of the packages
// a browser build links and fails if net/http is among them.
func TestBrowserBuildHasNoNetHTTP(t *testing.T) {
	pkgs := []string{"./sdk", "./transport", "./transport/jsws"}
	if _, err := os.Stat(filepath.Join(root, "wasm")); err == nil {
		pkgs = append(pkgs, "./wasm")
	}
	for _, pkg := range pkgs {
		cmd := exec.Command("go", "list", "-deps", pkg)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "net/http" || dep == "crypto/tls" {
				t.Errorf("GOOS=js GOARCH=wasm %s links %s", pkg, dep)
			}
		}
	}
}

// TestSmallShimBuildLeavesOutHeavyPackages guards the browser shim's size: with
// the tether_small tag web/build.sh uses, none of fmt, log/slog, encoding/json
// or net/url is linked (each drags in reflect, printers or tables).
func TestSmallShimBuildLeavesOutHeavyPackages(t *testing.T) {
	cmd := exec.Command("go", "list", "-tags", "tether_small", "-deps", "./wasm")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps ./wasm: %v\n%s", err, out)
	}
	heavy := map[string]bool{"fmt": true, "log/slog": true, "encoding/json": true, "net/url": true, "net/http": true}
	for _, dep := range strings.Fields(string(out)) {
		if heavy[dep] {
			t.Errorf("GOOS=js GOARCH=wasm -tags tether_small ./wasm links %s", dep)
		}
	}
}
