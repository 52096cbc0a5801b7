//go:build !js

package main

import (
	"bytes"
	"io"
	"sync"
)

// syncWriter serialises writes to w: the coordinator's progress and every
// shard's stderr lines go through one, each line in one Write.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// Write writes p to w, alone.
func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// prefixWriter writes whole lines to w, each after prefix. It is a shard's
// stderr: the exec package's copying goroutine writes to it, and flush runs
// once that goroutine has ended (after Wait).
type prefixWriter struct {
	w      io.Writer
	prefix string
	buf    []byte // the start of a line not yet ended
}

// Write writes every line p ends and keeps the rest for the next Write.
func (p *prefixWriter) Write(b []byte) (int, error) {
	p.buf = append(p.buf, b...)
	for {
		i := bytes.IndexByte(p.buf, '\n')
		if i < 0 {
			return len(b), nil
		}
		p.line(p.buf[:i+1])
		p.buf = p.buf[:copy(p.buf, p.buf[i+1:])]
	}
}

// flush writes a last line left without its newline.
func (p *prefixWriter) flush() {
	if len(p.buf) > 0 {
		p.line(append(p.buf, '\n'))
		p.buf = nil
	}
}

// line writes one line after the prefix, in one Write.
func (p *prefixWriter) line(l []byte) {
	_, _ = p.w.Write(append([]byte(p.prefix), l...))
}
