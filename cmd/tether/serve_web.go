//go:build !js

package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/tetherws/tether/internal/testserver"
)

// webDemoPath is where tether serve serves the browser demo's page. The page
// (web/demo/) loads ../dist/tether.js, so web/demo/ and web/dist/ are served
// side by side under /web/, as in the repository.
const webDemoPath = "/web/demo/"

// modulePath identifies the Tether repository when looking for its web/.
const modulePath = "github.com/tetherws/tether"

// webBuild lists the files web/build.sh writes that the demo page needs.
var webBuild = []string{"dist/tether.js", "dist/tether.wasm", "dist/wasm_exec.js"}

// webDemo is the browser demo's directory (the repository's web/) and whether
// its wasm build is there.
type webDemo struct {
	dir   string // "" when not found
	built bool   // dist/ holds the wasm build
	given bool   // --web named dir
}

// locateWeb finds the web/ directory: --web, else web/ of the Tether
// repository that holds the working directory.
func (c *serveConfig) locateWeb(sio stdio) webDemo {
	dir := c.web
	if !c.webGiven {
		dir = repoWebDir()
	}
	if dir == "" {
		return webDemo{}
	}
	if !isFile(filepath.Join(dir, "demo", "index.html")) {
		if c.webGiven {
			fmt.Fprintf(sio.err, "tether serve: --web %s: no demo/index.html there (want the repository's web/)\n", dir)
		}
		return webDemo{given: c.webGiven}
	}
	w := webDemo{dir: dir, built: true, given: c.webGiven}
	for _, f := range webBuild {
		w.built = w.built && isFile(filepath.Join(dir, filepath.FromSlash(f)))
	}
	return w
}

// repoWebDir walks up from the working directory to the root of the Tether
// module and returns its web/ directory, or "".
func repoWebDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if isTetherModule(filepath.Join(dir, "go.mod")) {
			return filepath.Join(dir, "web")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// isTetherModule reports whether the go.mod at path declares this module.
func isTetherModule(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == modulePath
		}
	}
	return false
}

func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// handler serves web/demo/ and web/dist/ under /web/ (never cached, so a
// rebuild shows up on reload), /demo as a shortcut to the page, and the test
// server everywhere else.
func (w webDemo) handler(srv *testserver.Server) http.Handler {
	if w.dir == "" {
		return srv
	}
	mux := http.NewServeMux()
	files := http.StripPrefix("/web/", http.FileServer(http.Dir(w.dir)))
	noStore := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(rw, r)
	})
	mux.Handle("/web/demo/", noStore)
	mux.Handle("/web/dist/", noStore)
	mux.Handle("/demo", http.RedirectHandler(webDemoPath, http.StatusFound))
	mux.Handle("/", srv)
	return mux
}

// hint tells the user, on stderr, how to get the browser demo when it is not
// served yet.
func (w webDemo) hint(sio stdio, url string) {
	switch {
	case w.built:
		fmt.Fprintf(sio.err, "tether serve: browser demo at %s\n", url)
	case w.dir != "":
		fmt.Fprintf(sio.err, "tether serve: web demo not built: run %s (writes %s with the wasm build), then open %s\n",
			buildCommand(w.dir), filepath.Join(w.dir, "dist"), url)
	case !w.given:
		fmt.Fprintln(sio.err, "tether serve: web demo not found: run tether serve inside the Tether repository, "+
			"or pass --web DIR (the repository's web/ directory)")
	}
}

// buildCommand is how to run web/build.sh: relative to the working directory
// when it is below it (./web/build.sh from the repository's root), else the
// absolute path.
func buildCommand(dir string) string {
	script, err := filepath.Abs(filepath.Join(dir, "build.sh"))
	if err != nil {
		return filepath.Join(dir, "build.sh")
	}
	wd, err := os.Getwd()
	if err != nil {
		return script
	}
	rel, err := filepath.Rel(wd, script)
	if err != nil || strings.HasPrefix(rel, "..") {
		return script
	}
	return "." + string(filepath.Separator) + rel
}
