//go:build unix

package parity

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// buildCLI builds cmd/tether.
func buildCLI(e *env) error {
	return goBuild(filepath.Join("..", ".."), nil, filepath.Join(e.tmp, "tether"), "./cmd/tether")
}

// runCLITarget plays every run with `tether connect --json`: the first
// open's messages are --send and --send-file arguments, later ones stdin
// lines; the run ends with SIGTERM (close 1000, exit 0).
func runCLITarget(t *testing.T, e *env) Outcomes {
	bin := filepath.Join(e.tmp, "tether")
	return runAll(e, "cli", func(r Run) string { return runCLI(e, bin, r) })
}

// cliArgs returns tether connect's arguments for r: st's explicit values as
// flags (the CLI's defaults otherwise) and the first open's messages.
func cliArgs(r Run, st Settings, dir string) ([]string, error) {
	args := []string{"connect", r.URL(), "--json", "--quiet"}
	for _, p := range st.Protocols {
		args = append(args, "-p", p)
	}
	if st.Ping != "" {
		args = append(args, "--ping", st.Ping, "--pong", st.Pong)
	}
	if st.Mode == Explicit {
		args = append(args, "--reconnect-initial", st.InitialDelay.String(), "--reconnect-max", st.MaxDelay.String(),
			"--max-attempts", fmt.Sprint(st.MaxAttempts), "--handshake-timeout", st.HandshakeTimeout.String())
		if st.RetryFirstDial {
			args = append(args, "--retry-first-dial")
		}
		if st.HeartbeatInterval > 0 {
			args = append(args, "--heartbeat-interval", st.HeartbeatInterval.String(),
				"--heartbeat-timeout", st.HeartbeatTimeout.String())
		}
	}
	if len(r.Sc.Plan) == 0 {
		return args, nil
	}
	for i, m := range MustMsgs(r.Sc.Plan[0]) {
		if !m.Binary {
			args = append(args, "--send", string(m.Data))
			continue
		}
		f := filepath.Join(dir, fmt.Sprintf("%s-%d.bin", r.Key, i))
		if err := os.WriteFile(f, m.Data, 0o600); err != nil {
			return nil, err
		}
		args = append(args, "--send-file", f)
	}
	return args, nil
}

func runCLI(e *env, bin string, r Run) string {
	d := NewDriver(r.Sc)
	args, err := cliArgs(r, e.spec.RunSettings(r.Sc, r.Mode), e.tmp)
	if err != nil {
		d.Note("harness: " + err.Error())
		return d.Outcome()
	}
	ctx, cancel := context.WithTimeout(e.ctx, e.spec.Bound(r.Mode))
	defer cancel()
	p, err := startProcess(ctx, ".", nil, append([]string{bin}, args...)...)
	if err != nil {
		d.Note("harness: " + err.Error())
		return d.Outcome()
	}
	defer p.stop()
	act := &cliActions{stdin: p.stdin, ctx: ctx, releaseURL: r.Server.ReleaseURL(r.Key)}
	var tr errorTranslator
	for !d.Done() {
		select {
		case line, ok := <-p.lines:
			if !ok {
				d.Note(fmt.Sprintf("tether exited: %v %s", p.wait(), oneLine(p.stderr.String())))
				return d.Outcome()
			}
			ev, err := parseCLIEvent(line)
			if err != nil {
				d.Note("harness: " + err.Error())
				continue
			}
			if ev.name == "open" {
				act.opens++
			}
			act.firstOpen = ev.name == "open" && act.opens == 1
			if e, ok := tr.translate(ev); ok {
				d.Handle(e, act)
			}
			act.firstOpen = false
		case <-ctx.Done():
			d.Unfinished()
		}
	}
	return d.Outcome()
}

// parseCLIEvent reads one JSON line of tether connect --json.
func parseCLIEvent(line string) (facadeEvent, error) {
	var j struct {
		Event, Subprotocol, Type, Data, Reason, Error, Kind string
		Code                                                int
		Final                                               bool
	}
	if err := json.Unmarshal([]byte(line), &j); err != nil {
		return facadeEvent{}, fmt.Errorf("not JSON: %q", line)
	}
	ev := facadeEvent{name: j.Event, proto: j.Subprotocol, code: j.Code, reason: j.Reason,
		kind: j.Kind, errMsg: j.Error, final: j.Final}
	switch j.Event {
	case "message":
		ev.msg = Msg{Data: []byte(j.Data)}
		if j.Type == "binary" {
			b, err := base64.StdEncoding.DecodeString(j.Data)
			if err != nil {
				return ev, fmt.Errorf("binary message %q: %v", j.Data, err)
			}
			ev.msg = Msg{Binary: true, Data: b}
		}
	case "error":
		if j.Final {
			ev.name = "final-error"
		}
	}
	return ev, nil
}

// cliActions sends by writing stdin lines; the first open's messages were
// given as arguments.
type cliActions struct {
	stdin      io.Writer
	opens      int
	firstOpen  bool // handling the first open: its messages are arguments
	ctx        context.Context
	releaseURL string
}

func (a *cliActions) Send(m Msg) error {
	if a.firstOpen {
		return nil // --send and --send-file carry them
	}
	if m.Binary {
		return errors.New("cli: binary messages go by --send-file on the first open only")
	}
	_, err := io.WriteString(a.stdin, string(m.Data)+"\n")
	return err
}

func (a *cliActions) Release() error { return Release(a.ctx, a.releaseURL) }
