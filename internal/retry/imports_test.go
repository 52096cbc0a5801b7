package retry_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPurePolicyImports keeps the package a pure policy that links into the
// browser build: standard library basics, backoff, internal/errfmt (fmt's
// small subset), the reconnect policy it runs and the error types it
// classifies (transport, subprotocol) and their close-code names only, no other tether package, no
// networking or TLS, no fmt (it drags reflect into the wasm), and no build
// tags.
func TestPurePolicyImports(t *testing.T) {
	allowed := map[string]bool{
		"context": true, "errors": true, "math": true, "math/rand/v2": true, "time": true,
		"github.com/cenkalti/backoff/v4": true, "github.com/tetherws/tether/internal/errfmt": true,
		"github.com/tetherws/tether/reconnect": true, "github.com/tetherws/tether/transport": true,
		"github.com/tetherws/tether/internal/closecode": true,
		"github.com/tetherws/tether/subprotocol":        true,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "//go:build") {
			t.Errorf("%s has a build constraint; the policy must build everywhere", name)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !allowed[path] {
				t.Errorf("%s imports %q; only %v are allowed", name, path, allowed)
			}
		}
	}
}
