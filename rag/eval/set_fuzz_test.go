package eval

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// FuzzReadSet checks that whatever ReadSet accepts is a valid set (ids
// unique, a question, a known kind, sections for answers), and that what
// it accepts, written back, reads the same.
func FuzzReadSet(f *testing.F) {
	f.Add(`{"id":"a","question":"Qui ?","kind":"answer","sections":["S"],"must_include":[["x"]]}` + "\n" + `{"id":"b","question":"Non ?","kind":"refuse"}`)
	f.Add("\ufeff" + `{"id":"c","question":"q","kind":"refuse","history":["avant ?"]}`)
	f.Add(`{"id":"d","question":"q","kind":"answer","sectoins":["S"]}`)
	f.Add("{\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		cases, err := ReadSet(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		var out bytes.Buffer
		for _, c := range cases {
			if c.ID == "" || strings.TrimSpace(c.Question) == "" || seen[c.ID] ||
				(c.Kind != KindAnswer && c.Kind != KindRefuse) || (c.Kind == KindAnswer && len(c.Sections) == 0) {
				t.Fatalf("ReadSet accepted an invalid case %+v", c)
			}
			seen[c.ID] = true
			line, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			out.Write(line)
			out.WriteByte('\n')
		}
		again, err := ReadSet(&out)
		if err != nil || !reflect.DeepEqual(again, cases) {
			t.Fatalf("written back, the set reads %+v, %v; want %+v", again, err, cases)
		}
	})
}
