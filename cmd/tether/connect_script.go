//go:build !js

package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/tetherws/tether/sdk"
	"github.com/tetherws/tether/transport"
)

// scripted is one --send or --send-file argument.
type scripted struct {
	file bool   // --send-file PATH; else --send TEXT
	arg  string // the text or the path
}

// scriptFlag adds --send (file false) or --send-file (file true) values to
// one list, so the messages go in the order the flags were given.
type scriptFlag struct {
	list *[]scripted
	file bool
}

func (f scriptFlag) String() string {
	if f.list == nil {
		return ""
	}
	args := make([]string, len(*f.list))
	for i, a := range *f.list {
		args[i] = a.arg
	}
	return strings.Join(args, ",")
}

func (f scriptFlag) Set(s string) error {
	*f.list = append(*f.list, scripted{file: f.file, arg: s})
	return nil
}

// maxSendFile is the largest --send-file: what the outbox holds by default.
var maxSendFile = sdk.DefaultOptions().Outbox.MaxBytes

// checkMessages reads --binary, then builds the --send and --send-file
// messages in order. Its errors never show a --send value or a path.
func (c *connectConfig) checkMessages(f *flagSet) error {
	if f.given("binary") {
		format, ok := parseBinaryFormat(c.binaryName)
		if !ok {
			return usagef("--binary: want base64 or hex (value not shown)")
		}
		c.binary = format
	}
	var sends, files int
	for _, a := range c.script {
		var m transport.Message
		var err error
		if a.file {
			files++
			m, err = fileMessage(files, a.arg)
		} else {
			sends++
			m, err = c.sendMessage(sends, a.arg)
		}
		if err != nil {
			return err
		}
		c.sends = append(c.sends, m)
	}
	return nil
}

// sendMessage is --send value n: text, or decoded with --binary.
func (c *connectConfig) sendMessage(n int, arg string) (transport.Message, error) {
	m, err := c.lineMessage(arg)
	if err != nil {
		return m, usagef("--send: entry %d %s; value not shown", n, err)
	}
	return m, nil
}

// lineMessage is one stdin line or --send value: a text message, or with
// --binary the decoded bytes as a binary message.
func (c *connectConfig) lineMessage(s string) (transport.Message, error) {
	if c.binary == binaryOff {
		return transport.TextMessage(s), nil
	}
	b, err := c.binary.decode(s)
	if err != nil {
		return transport.Message{}, err
	}
	return transport.BinaryMessage(b), nil
}

// fileMessage reads --send-file entry n as one binary message.
func fileMessage(n int, path string) (transport.Message, error) {
	f, err := os.Open(path)
	if err != nil {
		return transport.Message{}, usagef("--send-file: entry %d cannot be opened: %s (path not shown)", n, fsReason(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSendFile+1))
	switch {
	case err != nil:
		return transport.Message{}, usagef("--send-file: entry %d cannot be read: %s (path not shown)", n, fsReason(err))
	case int64(len(b)) > maxSendFile:
		return transport.Message{}, usagef("--send-file: entry %d is larger than %d MiB, the most the outbox holds (path not shown)",
			n, maxSendFile>>20)
	}
	return transport.BinaryMessage(b), nil
}

// fsReason is a file error without its path ("no such file or directory").
func fsReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return "read failed"
}
