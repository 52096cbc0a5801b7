//go:build !js

package nginx

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"
)

// readTimeout is nginx's proxy_read_timeout (and proxy_send_timeout): how long
// an upgraded connection may stay silent before nginx cuts it.
const readTimeout = 3 * time.Second

// Bounds on starting and stopping nginx.
const (
	startTimeout = 10 * time.Second
	stopTimeout  = 5 * time.Second
	startTries   = 3 // the free port picked for nginx may be taken meanwhile
)

// confTemplate is the whole nginx configuration: one server on loopback that
// proxies WebSocket upgrades to the test server. Every path is in the prefix.
var confTemplate = template.Must(template.New("nginx.conf").Parse(`daemon off;
master_process off;
worker_processes 1;
pid {{.Prefix}}/nginx.pid;
lock_file {{.Prefix}}/nginx.lock;
error_log {{.Prefix}}/error.log info;

events {
    worker_connections 64;
}

http {
    access_log off;
    client_body_temp_path {{.Prefix}}/tmp/body;
    proxy_temp_path {{.Prefix}}/tmp/proxy;
    fastcgi_temp_path {{.Prefix}}/tmp/fastcgi;
    uwsgi_temp_path {{.Prefix}}/tmp/uwsgi;
    scgi_temp_path {{.Prefix}}/tmp/scgi;

    server {
        listen {{.Listen}};
        location / {
            proxy_pass http://{{.Upstream}};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host $host;
            proxy_buffering off;
            proxy_read_timeout {{.Timeout}};
            proxy_send_timeout {{.Timeout}};
        }
    }
}
`))

// conf holds the values confTemplate needs.
type conf struct {
	Prefix, Listen, Upstream, Timeout string
}

// nginx is one running nginx process.
type nginx struct {
	cmd    *exec.Cmd
	addr   string        // 127.0.0.1:port it listens on
	exited chan struct{} // closed when the process has been waited for
	prefix string
}

// findNginx returns the nginx binary, or skips t.
func findNginx(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if fi, err := os.Stat("/usr/sbin/nginx"); err == nil && fi.Mode()&0o111 != 0 {
		return "/usr/sbin/nginx"
	}
	t.Skip("nginx not found in PATH or at /usr/sbin/nginx: install nginx-light (apt-get install nginx-light; .ci/run does)")
	return ""
}

// startNginx starts nginx proxying to upstream (host:port) and returns its
// address. It is stopped in t.Cleanup.
func startNginx(t *testing.T, upstream string) string {
	t.Helper()
	bin := findNginx(t)
	var err error
	for range startTries {
		var n *nginx
		if n, err = tryStart(t, bin, upstream); err == nil {
			t.Cleanup(func() { n.stop(t) })
			return n.addr
		}
		t.Logf("nginx did not start: %v", err)
	}
	t.Fatalf("nginx did not start after %d tries: %v", startTries, err)
	return ""
}

// tryStart writes a fresh prefix and config, starts nginx and waits until it
// accepts connections.
func tryStart(t *testing.T, bin, upstream string) (*nginx, error) {
	prefix := t.TempDir()
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	if err := writeConf(prefix, conf{Prefix: prefix, Listen: addr, Upstream: upstream,
		Timeout: fmt.Sprintf("%ds", int(readTimeout/time.Second))}); err != nil {
		return nil, err
	}
	n, err := launch(bin, prefix, addr)
	if err != nil {
		return nil, err
	}
	if err := n.waitReady(); err != nil {
		n.stop(t)
		return nil, fmt.Errorf("%w\n%s", err, n.logs())
	}
	return n, nil
}

// freePort returns a loopback address with a port that was free a moment ago.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func writeConf(prefix string, c conf) error {
	if err := os.MkdirAll(filepath.Join(prefix, "tmp"), 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(prefix, "nginx.conf"))
	if err != nil {
		return err
	}
	if err := confTemplate.Execute(f, c); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// launch starts nginx in the foreground with its output in prefix/stderr.log.
func launch(bin, prefix, addr string) (*nginx, error) {
	out, err := os.Create(filepath.Join(prefix, "stderr.log"))
	if err != nil {
		return nil, err
	}
	defer out.Close() // the child keeps its own descriptor
	cmd := exec.Command(bin, "-p", prefix+"/", "-c", filepath.Join(prefix, "nginx.conf"),
		"-e", filepath.Join(prefix, "error.log"))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	n := &nginx{cmd: cmd, addr: addr, exited: make(chan struct{}), prefix: prefix}
	go func() {
		_ = cmd.Wait()
		close(n.exited)
	}()
	return n, nil
}

// waitReady polls the listening port until it accepts, nginx exits or
// startTimeout passes.
func (n *nginx) waitReady() error {
	deadline := time.NewTimer(startTimeout)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if c, err := net.DialTimeout("tcp", n.addr, time.Second); err == nil {
			_ = c.Close()
			return nil
		}
		select {
		case <-n.exited:
			return errors.New("nginx exited: " + n.cmd.ProcessState.String())
		case <-deadline.C:
			return fmt.Errorf("nginx did not listen on %s within %v", n.addr, startTimeout)
		case <-tick.C:
		}
	}
}

// stop asks nginx (by its process id) to quit, and kills it after stopTimeout.
func (n *nginx) stop(t *testing.T) {
	_ = n.cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-n.exited:
		return
	case <-time.After(stopTimeout):
	}
	t.Logf("nginx (pid %d) ignored SIGQUIT for %v; killing it", n.cmd.Process.Pid, stopTimeout)
	_ = n.cmd.Process.Kill()
	<-n.exited
}

// logs returns nginx's stderr and error log, for failure messages.
func (n *nginx) logs() string {
	var b strings.Builder
	for _, name := range []string{"stderr.log", "error.log"} {
		data, _ := os.ReadFile(filepath.Join(n.prefix, name))
		fmt.Fprintf(&b, "--- %s\n%s", name, data)
	}
	return b.String()
}
