//go:build !js

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"
)

// fleetTarget is the server the fleet connects to: the embedded one in a
// child process, or a running 'tether serve' given by --url.
type fleetTarget struct {
	child *fleetChild // the embedded server; nil with --url
	hello fleetHello

	base *url.URL // --url, with key= added; nil for the embedded server
}

// startTarget starts the embedded server as a child process (this executable
// in roleServer), or uses cfg.url.
func startTarget(cfg *fleetConfig, stderr io.Writer) (*fleetTarget, error) {
	if cfg.url != nil {
		u := *cfg.url
		q := u.Query()
		q.Set("key", "fleet-"+strconv.Itoa(os.Getpid()))
		u.RawQuery = q.Encode()
		return &fleetTarget{base: &u}, nil
	}
	child, err := startChild(roleServer, []string{"--clients", strconv.Itoa(cfg.clients), "--server-reply", cfg.reply}, stderr)
	if err != nil {
		return nil, err
	}
	t := &fleetTarget{child: child}
	if err := child.dec.Decode(&t.hello); err != nil {
		_ = t.close()
		return nil, fmt.Errorf("%w: %v", errServerGone, err)
	}
	if t.hello.Error != "" {
		_ = t.close()
		return nil, errors.New(t.hello.Error)
	}
	return t, nil
}

// clientURL is client i's URL: ports in turn, fleet=i for the server.
func (t *fleetTarget) clientURL(i int) string {
	if t.base != nil {
		u := *t.base
		u.RawQuery += "&fleet=" + strconv.Itoa(i)
		return u.String()
	}
	return "ws://" + t.hello.Addrs[i%len(t.hello.Addrs)] + "/echo?fleet=" + strconv.Itoa(i)
}

// describe says which server it is, for the report.
func (t *fleetTarget) describe() string {
	if t.base != nil {
		return "--url (drop through its /drop route)"
	}
	return fmt.Sprintf("embedded, child process, %d port(s)", len(t.hello.Addrs))
}

// drop has the server drop every connection of the fleet at once.
func (t *fleetTarget) drop() error {
	if t.base == nil {
		var ok struct{}
		return t.call("drop", &ok)
	}
	u := *t.base
	u.Scheme, u.Path = "http", "/drop"
	u.RawQuery = "key=" + url.QueryEscape(t.base.Query().Get("key"))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("drop: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("drop: the server answered %s (is it 'tether serve'?)", resp.Status)
	}
	return nil
}

// report returns the embedded server's view of the storm; nil with --url.
func (t *fleetTarget) report() (*fleetServerReport, error) {
	if t.base != nil {
		return nil, nil
	}
	r := &fleetServerReport{}
	return r, t.call("report", r)
}

// call sends cmd to the server child and decodes its answer into v.
func (t *fleetTarget) call(cmd string, v any) error {
	if err := t.child.call(cmd, v); err != nil {
		return fmt.Errorf("%w: %v", errServerGone, err)
	}
	return nil
}

// close ends the server child (at the end of its stdin) and waits for it; a
// child still running after childGrace is killed by its process id.
func (t *fleetTarget) close() error {
	if t.child == nil {
		return nil
	}
	err := t.child.end(childGrace)
	if errors.Is(err, errChildKilled) {
		return fmt.Errorf("%w: it did not exit within %s and was killed", errServerGone, childGrace)
	}
	return err
}
