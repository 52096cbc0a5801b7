//go:build !js

package layout

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// publicPackages are the packages users import (cmd/ and wasm/ are
// programs; internal/ is the machinery).
var publicPackages = []string{
	"sdk", "mobile", "transport", "transport/native", "transport/jsws",
	"heartbeat", "reconnect", "subprotocol",
}

// apiBudget is the most exported identifiers the public packages may have
// together: a ratchet that only goes down (see issue "A small, obvious
// public API": the goal, 300, is met).
const apiBudget = 300

// TestExportedAPIBudget counts every exported identifier of the public
// packages, in every build (native, js/wasm, tether_small): types, funcs,
// consts, vars, methods of exported types and fields of exported structs.
// It fails when the total grows past apiBudget; the counts per package are
// logged.
func TestExportedAPIBudget(t *testing.T) {
	total := 0
	var lines []string
	for _, dir := range publicPackages {
		names := exportedNames(t, filepath.Join(root, dir))
		total += len(names)
		lines = append(lines, dir+": "+strconv.Itoa(len(names)))
	}
	t.Logf("exported identifiers: %d (%s)", total, strings.Join(lines, ", "))
	if total > apiBudget {
		t.Errorf("%d exported identifiers, over the budget of %d: move machinery to internal/", total, apiBudget)
	}
}

// exportedNames returns the exported identifiers declared in dir's non-test
// files, whatever their build tags, each once ("Type.Method", "Type.Field").
func exportedNames(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			for _, n := range declNames(d) {
				seen[n] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// declNames lists the exported names one declaration adds.
func declNames(d ast.Decl) []string {
	var out []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if !d.Name.IsExported() {
			return nil
		}
		if d.Recv == nil {
			return []string{d.Name.Name}
		}
		if recv := receiverType(d.Recv.List[0].Type); ast.IsExported(recv) {
			return []string{recv + "." + d.Name.Name}
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			out = append(out, specNames(s)...)
		}
	}
	return out
}

func specNames(s ast.Spec) []string {
	var out []string
	switch s := s.(type) {
	case *ast.TypeSpec:
		if !s.Name.IsExported() {
			return nil
		}
		out = append(out, s.Name.Name)
		if st, ok := s.Type.(*ast.StructType); ok {
			for _, f := range st.Fields.List {
				for _, n := range f.Names {
					if n.IsExported() {
						out = append(out, s.Name.Name+"."+n.Name)
					}
				}
			}
		}
		if it, ok := s.Type.(*ast.InterfaceType); ok {
			for _, m := range it.Methods.List {
				for _, n := range m.Names {
					if n.IsExported() {
						out = append(out, s.Name.Name+"."+n.Name)
					}
				}
			}
		}
	case *ast.ValueSpec:
		for _, n := range s.Names {
			if n.IsExported() {
				out = append(out, n.Name)
			}
		}
	}
	return out
}

// receiverType is the type name of a method's receiver.
func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// buildIndependent are the public packages whose API must be the same in
// every build (native, js/wasm, tether_small): the two transports are
// platform packages, and mobile exists only natively (gomobile).
var buildIndependent = []string{"sdk", "transport", "heartbeat", "reconnect", "subprotocol"}

// TestSameAPIInEveryBuild: a file with a build constraint in those packages
// declares no exported name, so no name exists, or is declared differently,
// only in some builds. Platform code stays behind unexported seams.
func TestSameAPIInEveryBuild(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range buildIndependent {
		files, err := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(fset, f, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			if !hasBuildConstraint(af) {
				continue
			}
			for _, d := range af.Decls {
				if names := declNames(d); len(names) > 0 {
					t.Errorf("%s has a build constraint and exports %v: declare it in a file every build compiles", f, names)
				}
			}
		}
	}
}

func hasBuildConstraint(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//go:build ") {
				return true
			}
		}
	}
	return false
}
