package subprotocol

// jsonMaxDepth is encoding/json's nesting limit, kept so that both accept the
// same documents.
const jsonMaxDepth = 10000

// jsonTypeMember returns the "type" member of the JSON object data, matched
// exactly after unescaping, as encoding/json decodes it into
// map[string]json.RawMessage and then a string: the last "type" wins, and a
// value that is not a string yields "". ok is false when data is not one
// valid JSON object (surrounding whitespace allowed).
//
// It exists so that the built-in profiles do not link encoding/json into
// browser builds; jsontype_test.go checks it against encoding/json.
func jsonTypeMember(data []byte) (typ string, ok bool) {
	p := jsonParser{data: data}
	p.space()
	if !p.object(0, &typ) {
		return "", false
	}
	p.space()
	return typ, p.pos == len(p.data)
}

// jsonParser is a validating JSON scanner over data; pos is the next byte.
type jsonParser struct {
	data []byte
	pos  int
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// eat consumes c if it is the next byte.
func (p *jsonParser) eat(c byte) bool {
	if p.pos < len(p.data) && p.data[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

// value scans any JSON value; pos is at its first byte.
func (p *jsonParser) value(depth int) bool {
	if p.pos >= len(p.data) {
		return false
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth, nil)
	case c == '[':
		return p.array(depth)
	case c == '"':
		_, ok := p.str(false)
		return ok
	case c == '-' || ('0' <= c && c <= '9'):
		return p.number()
	}
	return p.literal("true") || p.literal("false") || p.literal("null")
}

// object scans an object. When typ is not nil, it records the "type" member.
func (p *jsonParser) object(depth int, typ *string) bool {
	if depth >= jsonMaxDepth || !p.eat('{') {
		return false
	}
	p.space()
	if p.eat('}') {
		return true
	}
	for {
		if !p.member(depth, typ) {
			return false
		}
		p.space()
		if p.eat('}') {
			return true
		}
		if !p.eat(',') {
			return false
		}
		p.space()
	}
}

// member scans `"key": value` and records a "type" member's string value.
func (p *jsonParser) member(depth int, typ *string) bool {
	key, ok := p.str(typ != nil)
	if !ok {
		return false
	}
	p.space()
	if !p.eat(':') {
		return false
	}
	p.space()
	if typ == nil || key != "type" {
		return p.value(depth + 1)
	}
	*typ = ""
	if p.pos < len(p.data) && p.data[p.pos] == '"' {
		*typ, ok = p.str(true)
		return ok
	}
	return p.value(depth + 1)
}

func (p *jsonParser) array(depth int) bool {
	if depth >= jsonMaxDepth || !p.eat('[') {
		return false
	}
	p.space()
	if p.eat(']') {
		return true
	}
	for {
		if !p.value(depth + 1) {
			return false
		}
		p.space()
		if p.eat(']') {
			return true
		}
		if !p.eat(',') {
			return false
		}
		p.space()
	}
}

func (p *jsonParser) literal(word string) bool {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	return false
}

// number scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() bool {
	p.eat('-')
	if p.eat('0') {
		// no more integer digits after a leading zero
	} else if !p.digits() {
		return false
	}
	if p.eat('.') && !p.digits() {
		return false
	}
	if p.eat('e') || p.eat('E') {
		if !p.eat('+') {
			p.eat('-')
		}
		return p.digits()
	}
	return true
}

// digits scans one or more decimal digits.
func (p *jsonParser) digits() bool {
	start := p.pos
	for p.pos < len(p.data) && '0' <= p.data[p.pos] && p.data[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}
