package gobind

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// mobileDir is the facade's source directory, seen from this package.
const mobileDir = "../../mobile"

// name is one exported identifier of the facade: kind is "type", "func",
// "method", "field" or "const"; owner is the type of a method or field.
type name struct{ kind, owner, id string }

func (n name) String() string {
	if n.owner != "" {
		return n.kind + " " + n.owner + "." + n.id
	}
	return n.kind + " " + n.id
}

// exportedNames lists every exported identifier of the facade with go/doc.
func exportedNames(t *testing.T) []name {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	paths, _ := filepath.Glob(filepath.Join(mobileDir, "*.go"))
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, "github.com/tetherws/tether/mobile")
	if err != nil {
		t.Fatal(err)
	}
	names := valueNames(pkg.Consts, "const")
	names = append(names, valueNames(pkg.Vars, "var")...)
	for _, f := range pkg.Funcs {
		names = append(names, name{"func", "", f.Name})
	}
	for _, typ := range pkg.Types {
		names = append(names, typeNames(typ)...)
	}
	return names
}

func valueNames(vals []*doc.Value, kind string) []name {
	var out []name
	for _, v := range vals {
		for _, id := range v.Names {
			out = append(out, name{kind, "", id})
		}
	}
	return out
}

// typeNames lists a type, its constructors, methods, exported fields and, for
// an interface, its methods.
func typeNames(typ *doc.Type) []name {
	out := []name{{"type", "", typ.Name}}
	out = append(out, valueNames(typ.Consts, "const")...)
	out = append(out, valueNames(typ.Vars, "var")...)
	for _, f := range typ.Funcs {
		out = append(out, name{"func", "", f.Name})
	}
	for _, m := range typ.Methods {
		out = append(out, name{"method", typ.Name, m.Name})
	}
	spec := typ.Decl.Specs[0].(*ast.TypeSpec)
	switch st := spec.Type.(type) {
	case *ast.StructType:
		out = append(out, fieldNames(st.Fields, "field", typ.Name)...)
	case *ast.InterfaceType:
		out = append(out, fieldNames(st.Methods, "method", typ.Name)...)
	}
	return out
}

func fieldNames(fields *ast.FieldList, kind, owner string) []name {
	var out []name
	for _, f := range fields.List {
		for _, id := range f.Names {
			if id.IsExported() {
				out = append(out, name{kind, owner, id.Name})
			}
		}
	}
	return out
}

// javaPattern is what a name looks like in the generated Java (comments
// removed): file is relative to java/mobile.
func javaPattern(n name) (file string, re *regexp.Regexp) {
	q := regexp.QuoteMeta
	switch n.kind {
	case "type":
		return n.id + ".java", regexp.MustCompile(`(class|interface) ` + q(n.id) + `\b`)
	case "func":
		return "Mobile.java", regexp.MustCompile(`\b` + q(lowerFirst(n.id)) + `\(`)
	case "method":
		return n.owner + ".java", regexp.MustCompile(`\b` + q(lowerFirst(n.id)) + `\(`)
	case "field":
		return n.owner + ".java", regexp.MustCompile(`\bset` + q(n.id) + `\(`)
	}
	return "Mobile.java", regexp.MustCompile(`\b` + q(n.id) + ` =`) // const, var
}

// objcPattern is what a name looks like in Mobile.objc.h (comments removed).
func objcPattern(n name) *regexp.Regexp {
	q := regexp.QuoteMeta
	switch n.kind {
	case "type":
		return regexp.MustCompile(`@(interface|protocol) Mobile` + q(n.id) + `\b`)
	case "func":
		return regexp.MustCompile(`\bMobile` + q(n.id) + `\(`)
	case "method":
		return regexp.MustCompile(`\)` + q(lowerFirst(n.id)) + `[:;]`)
	case "field":
		return regexp.MustCompile(`@property .*\b` + q(lowerFirst(n.id)) + `;`)
	}
	return regexp.MustCompile(`\bMobile` + q(n.id) + `\b`)
}

// lowerFirst is gobind's rule for Java method and Objective-C names: a
// leading run of capitals is lowered, except the last one of a run followed
// by a lower-case letter ("URL" → "url", "URLPath" → "urlPath", "OnOpen" →
// "onOpen").
func lowerFirst(s string) string {
	r := []rune(s)
	i := 0
	for i < len(r) && unicode.IsUpper(r[i]) {
		i++
	}
	if i > 1 && i < len(r) {
		i-- // the capital that starts the next word stays
	}
	for j := range max(i, 1) {
		r[j] = unicode.ToLower(r[j])
	}
	return string(r)
}

var comments = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)

// readCode returns a generated file without its comments; a missing file
// (a type gobind ignored) reads as empty, so its names are reported unbound.
func readCode(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return comments.ReplaceAllString(string(b), "")
}
