//go:build !js

package native

import (
	"bufio"
	"io"
	"net"
)

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
