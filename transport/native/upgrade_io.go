//go:build !js

package native

import (
	"bufio"
	"io"
	"net"
)

// headerLimit reads from r until more than left bytes were asked for; left
// is then negative and reads fail.
type headerLimit struct {
	r    io.Reader
	left int64
}

func (l *headerLimit) Read(p []byte) (int, error) {
	if l.left <= 0 {
		l.left = -1
		return 0, errAnswerTooLong
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// upgradedConn is a 101 answer's body: the connection, read through the
// buffer that read the answer until the buffer is drained.
type upgradedConn struct {
	br *bufio.Reader // nil once drained
	net.Conn
}

func (u *upgradedConn) Read(p []byte) (int, error) {
	if u.br != nil && u.br.Buffered() == 0 {
		u.br = nil // the buffer is garbage from now on
	}
	if u.br == nil {
		return u.Conn.Read(p)
	}
	if n := u.br.Buffered(); len(p) > n {
		p = p[:n]
	}
	return u.br.Read(p)
}

// answerBody is the body of any other answer: closing it closes the
// connection.
type answerBody struct {
	io.ReadCloser
	conn net.Conn
}

func (b *answerBody) Close() error {
	err := b.ReadCloser.Close()
	_ = b.conn.Close()
	return err
}
