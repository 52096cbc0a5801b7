package gobind

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const facade = "github.com/tetherws/tether/mobile"

// TestGobind binds the facade for Go, Java and Objective-C and fails when
// gobind rejects or skips anything, when an exported name is missing from the
// Java or Objective-C API, or when the generated Go (or, with a JDK, Java)
// does not compile.
func TestGobind(t *testing.T) {
	gobind := findGobind(t)
	out := t.TempDir()
	log := mustRun(t, nil, gobind, "-lang=go,java,objc", "-outdir", out, facade)
	if strings.TrimSpace(log) != "" {
		t.Errorf("gobind printed diagnostics:\n%s", log)
	}
	checkNoSkipped(t, out)
	names := exportedNames(t)
	if len(names) < 40 {
		t.Fatalf("only %d exported names found in %s: %v", len(names), mobileDir, names)
	}
	checkJavaNames(t, out, names)
	checkObjcNames(t, out, names)
	t.Run("go", func(t *testing.T) { buildGoSide(t, out) })
	t.Run("javac", func(t *testing.T) { compileJava(t, out) })
}

// skipped matches the comment gobind writes in place of a name it cannot
// bind, e.g. "// skipped method Client.X with unsupported parameter or return
// types", "// skipped field ...", "// skipped const ...".
var skipped = regexp.MustCompile(`//\s*skipped\s.*\bunsupported\b`)

// checkNoSkipped fails for every such comment: gobind drops names with
// unsupported types without failing.
func checkNoSkipped(t *testing.T, dir string) {
	t.Helper()
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(p)
		for i, line := range strings.Split(string(b), "\n") {
			if skipped.MatchString(line) {
				t.Errorf("%s:%d: %s", rel(dir, p), i+1, strings.TrimSpace(line))
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("gobind generated no file")
	}
}

func checkJavaNames(t *testing.T, dir string, names []name) {
	t.Helper()
	code := map[string]string{}
	for _, n := range names {
		file, re := javaPattern(n)
		if _, ok := code[file]; !ok {
			code[file] = readCode(t, filepath.Join(dir, "java", "mobile", file))
		}
		if !re.MatchString(code[file]) {
			t.Errorf("Java: %v not bound (no %s in java/mobile/%s)", n, re, file)
		}
	}
}

func checkObjcNames(t *testing.T, dir string, names []name) {
	t.Helper()
	header := readCode(t, filepath.Join(dir, "src", "gobind", "Mobile.objc.h"))
	for _, n := range names {
		if re := objcPattern(n); !re.MatchString(header) {
			t.Errorf("Objective-C: %v not bound (no %s in Mobile.objc.h)", n, re)
		}
	}
}

// buildGoSide compiles the generated Go package (package main, cgo) the way
// `gomobile bind -target android` does, as a C archive for this host: the
// Android glue needs only jni.h, taken from the JDK, and android/log.h, stubbed
// here. It builds in this module, which resolves both the facade and
// golang.org/x/mobile/bind/seq. The darwin glue needs Xcode and is left out.
func buildGoSide(t *testing.T, dir string) {
	gen := filepath.Join(dir, "src", "gobind")
	var files []string
	all, _ := filepath.Glob(filepath.Join(gen, "*.go"))
	for _, f := range all {
		if !strings.HasSuffix(f, "_darwin.go") {
			files = append(files, f) // named files ignore their names' GOOS suffix
		}
	}
	if len(files) < 4 {
		t.Fatalf("generated Go files missing: %v", all)
	}
	if out, err := run(t, nil, "go", "env", "CC"); err != nil || !hasCompiler(strings.TrimSpace(out)) {
		t.Skipf("SKIP: the generated Go uses cgo and no C compiler is installed (go env CC = %q)", out)
	}
	jni := jniInclude(t)
	stub := t.TempDir()
	write(t, filepath.Join(stub, "android", "log.h"), androidLogStub)
	env := []string{"CGO_ENABLED=1", "CGO_CFLAGS=-D__GOBIND_ANDROID__ -I" + stub +
		" -I" + jni + " -I" + filepath.Join(jni, "linux")}
	archive := filepath.Join(t.TempDir(), "libgojni.a")
	mustRun(t, env, "go", append([]string{"build", "-buildmode=c-archive", "-o", archive}, files...)...)
	mustRun(t, env, "go", append([]string{"vet"}, files...)...)
}

// androidLogStub declares what the generated seq_android.h uses of the NDK's
// android/log.h.
const androidLogStub = `#define ANDROID_LOG_INFO 4
#define ANDROID_LOG_FATAL 7
int __android_log_print(int prio, const char *tag, const char *fmt, ...);
`

// jniInclude returns the JDK's include directory (jni.h), or skips.
func jniInclude(t *testing.T) string {
	javac, err := lookPath("javac")
	if err == nil {
		javac, err = filepath.EvalSymlinks(javac)
	}
	inc := filepath.Join(filepath.Dir(filepath.Dir(javac)), "include")
	if err != nil || !isFile(filepath.Join(inc, "jni.h")) {
		t.Skip("SKIP: compiling the generated Go needs jni.h from a JDK (CI installs default-jdk-headless)")
	}
	return inc
}

func hasCompiler(cc string) bool {
	fields := strings.Fields(cc)
	if len(fields) == 0 {
		return false
	}
	_, err := lookPath(fields[0])
	return err == nil
}

func rel(base, p string) string {
	if r, err := filepath.Rel(base, p); err == nil {
		return r
	}
	return p
}
