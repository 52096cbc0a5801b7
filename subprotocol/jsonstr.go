package subprotocol

import (
	"unicode/utf16"
	"unicode/utf8"
)

// str scans a JSON string at pos. With decode it also returns the string's
// value, unescaped as encoding/json does: invalid UTF-8 and lone surrogates
// become U+FFFD.
func (p *jsonParser) str(decode bool) (string, bool) {
	if !p.eat('"') {
		return "", false
	}
	var out []byte
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(out), true
		case c < 0x20:
			return "", false
		case c == '\\':
			var ok bool
			if out, ok = p.escape(out, decode); !ok {
				return "", false
			}
		case !decode:
			p.pos++
		case c < utf8.RuneSelf:
			out = append(out, c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			out = utf8.AppendRune(out, r) // RuneError for invalid bytes
			p.pos += size
		}
	}
	return "", false
}

// escape scans one escape sequence at pos (a backslash) and appends its value.
func (p *jsonParser) escape(out []byte, decode bool) ([]byte, bool) {
	if p.pos+1 >= len(p.data) {
		return out, false
	}
	c := p.data[p.pos+1]
	p.pos += 2
	if c == 'u' {
		return p.unicodeEscape(out, decode)
	}
	var b byte
	switch c {
	case '"', '\\', '/':
		b = c
	case 'b':
		b = '\b'
	case 'f':
		b = '\f'
	case 'n':
		b = '\n'
	case 'r':
		b = '\r'
	case 't':
		b = '\t'
	default:
		return out, false
	}
	if decode {
		out = append(out, b)
	}
	return out, true
}

// unicodeEscape scans the XXXX of \uXXXX (pos is past the u), joining a
// surrogate pair written as two escapes.
func (p *jsonParser) unicodeEscape(out []byte, decode bool) ([]byte, bool) {
	r, ok := hex4(p.data[p.pos:])
	if !ok {
		return out, false
	}
	p.pos += 4
	if !decode {
		return out, true
	}
	if utf16.IsSurrogate(r) {
		rest := p.data[p.pos:]
		if len(rest) >= 6 && rest[0] == '\\' && rest[1] == 'u' {
			if r2, ok := hex4(rest[2:]); ok {
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					p.pos += 6
					return utf8.AppendRune(out, dec), true
				}
			}
		}
		r = utf8.RuneError
	}
	return utf8.AppendRune(out, r), true
}

// hex4 decodes four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}
