//go:build !js

package main

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tetherws/tether/internal/closecode"
	"github.com/tetherws/tether/transport"
)

// With --slash, a stdin line starting with / is a command, as in wscat:
//
//	/ping                  send a protocol ping now (the heartbeat's)
//	/close [CODE [REASON]] close with CODE (default 1000) and REASON, and exit
//	//text                 send "/text"
const slashHelp = "/ping, /close [CODE [REASON]]; //text sends /text"

// closeRequest is how the session closes: 1000 unless /close said otherwise.
type closeRequest struct {
	code   int
	reason string
}

// command runs one --slash command line; it reports whether the session
// goes on.
func (s *session) command(ctx context.Context, n int, line string) bool {
	name, rest, _ := strings.Cut(line[1:], " ")
	switch name {
	case "ping":
		s.client.Probe()
		return true
	case "close":
		req, err := parseCloseCommand(strings.TrimSpace(rest))
		if err != nil {
			s.out.inputError("tether: stdin line " + strconv.Itoa(n) + ": " + err.Error())
			return true
		}
		s.closeReq.Store(&req)
		s.done(exitOK)
		return false
	}
	s.out.inputError("tether: stdin line " + strconv.Itoa(n) + ": unknown command (" + slashHelp + ")")
	return ctx.Err() == nil
}

// parseCloseCommand reads "[CODE [REASON]]".
func parseCloseCommand(args string) (closeRequest, error) {
	req := closeRequest{code: transport.StatusNormalClosure}
	if args == "" {
		return req, nil
	}
	codeText, reason, _ := strings.Cut(args, " ")
	code, err := strconv.Atoi(codeText)
	switch {
	case err != nil || !closecode.Sendable(code):
		return req, usagef("/close: the code must be 1000 or 3000-4999")
	case len(reason) > closecode.MaxReasonBytes:
		return req, usagef("/close: the reason is longer than %d bytes", closecode.MaxReasonBytes)
	case !utf8.ValidString(reason):
		return req, usagef("/close: the reason is not UTF-8")
	}
	return closeRequest{code: code, reason: reason}, nil
}
