package reconnect_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPlainValueImports keeps the package the plain value users configure:
// time only (the machinery that runs a Policy is internal/retry), and no
// build tags.
func TestPlainValueImports(t *testing.T) {
	allowed := map[string]bool{"time": true}
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
