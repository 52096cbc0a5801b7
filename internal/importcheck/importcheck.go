// Package importcheck is a test helper: it keeps a package's non-test files
// to the imports it may have and free of build constraints, for packages
// that must build, small, everywhere (a plain-value policy, a classifier
// linked into the browser build).
package importcheck

import (
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Only fails t for each non-test .go file in the current directory that has
// a build constraint or imports a path not in allowed.
func Only(t testing.TB, allowed ...string) {
	t.Helper()
	ok := map[string]bool{}
	for _, p := range allowed {
		ok[p] = true
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if !strings.HasSuffix(name, "_test.go") {
			checkFile(t, name, ok)
		}
	}
}

func checkFile(t testing.TB, name string, allowed map[string]bool) {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "//go:build") {
		t.Errorf("%s has a build constraint; the package must build everywhere", name)
	}
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if !allowed[path] {
			t.Errorf("%s imports %q; only these may be imported: %s", name, path, strings.Join(slices.Sorted(maps.Keys(allowed)), ", "))
		}
	}
}
