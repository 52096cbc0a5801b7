package subprotocol

import (
	"encoding/json"
	"strings"
	"testing"
)

// jsonTypeReference is what graphqlType computed with encoding/json before
// jsonTypeMember replaced it.
func jsonTypeReference(data []byte) (string, bool) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil || fields == nil {
		return "", false
	}
	var typ string
	if json.Unmarshal(fields["type"], &typ) != nil {
		return "", true
	}
	return typ, true
}

var jsonTypeCases = []string{
	`{"type":"ping"}`, ` {"type" : "pong"} `, `{"type":"ping","payload":{"a":[1,2.5e3,-0.1,true,false,null]}}`,
	`{"Type":"ping"}`, `{"TYPE":"pong"}`, `{"\u0074ype":"ping"}`, `{"type":"p\u006fng"}`,
	`{"type":"ping","type":"pong"}`, `{"type":"ping","type":null}`, `{"type":"ping","type":5}`,
	`{"type":null}`, `{"type":{"type":"ping"}}`, `{"x":{"type":"ping"}}`, `{}`, `{"type":""}`,
	`{"type":"\ud83d\ude00"}`, `{"type":"\ud83d"}`, `{"type":"\ud83dx"}`, `{"type":"\ud83d\u0041"}`,
	"{\"type\":\"\xff\"}", `{"type":"a\"b\\c\/d\b\f\n\r\t"}`,
	`{"type":"ping"`, `{"type":"ping"}x`, `{"type":"ping",}`, `{"type" "ping"}`, `{type:"ping"}`,
	`{"type":'ping'}`, `{"type":"ping\x"}`, `{"type":"\u12"}`, "{\"type\":\"a\nb\"}", `{"a":01}`,
	`{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":-}`, `{"a":+1}`, `{"a":[1,]}`, `{"a":[}`, `{"a":tru}`,
	`{"a":nul}`, `{"a":1}{"b":2}`, `[{"type":"ping"}]`, `"type"`, `null`, ``, `{`, `}`, `{"a":-0.0E+10}`,
	`{"a":[[]],"type":"pong"}`, "\t\r\n{\"type\":\"ping\"}\t\r\n",
}

func TestJSONTypeMemberMatchesEncodingJSON(t *testing.T) {
	for _, c := range jsonTypeCases {
		checkJSONType(t, []byte(c))
	}
	deep := strings.Repeat("[", jsonMaxDepth) + strings.Repeat("]", jsonMaxDepth)
	checkJSONType(t, []byte(`{"a":`+deep+`,"type":"ping"}`))
	shallow := strings.Repeat("[", jsonMaxDepth-2) + strings.Repeat("]", jsonMaxDepth-2)
	checkJSONType(t, []byte(`{"a":`+shallow+`,"type":"ping"}`))
}

func checkJSONType(t *testing.T, data []byte) {
	t.Helper()
	want, wantOK := jsonTypeReference(data)
	got, gotOK := jsonTypeMember(data)
	if gotOK != wantOK || (gotOK && got != want) {
		t.Errorf("jsonTypeMember(%.80q) = %q, %v; encoding/json: %q, %v", data, got, gotOK, want, wantOK)
	}
}

func FuzzJSONTypeMember(f *testing.F) {
	for _, c := range jsonTypeCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkJSONType(t, data) })
}
