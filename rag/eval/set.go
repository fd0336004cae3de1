package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Case is one line of an evaluation set.
type Case struct {
	ID          string     `json:"id"`
	Question    string     `json:"question"`
	Kind        string     `json:"kind"` // "answer" or "refuse"
	Sections    []string   `json:"sections"`
	MustInclude [][]string `json:"must_include"`
	MustExclude []string   `json:"must_exclude"`
	// History holds the questions asked before this one in the same
	// conversation, oldest first: the case scores the last turn.
	History []string `json:"history"`
}

// Kinds of cases.
const (
	KindAnswer = "answer"
	KindRefuse = "refuse"
)

// ErrEmptySet is returned for a set with no case.
var ErrEmptySet = errors.New("evaluation set is empty")

// maxLine bounds one line of a set.
const maxLine = 4 << 20

// ReadSet reads a JSON-lines evaluation set, rejecting malformed lines
// with their line number. A UTF-8 byte-order mark is accepted.
func ReadSet(r io.Reader) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxLine)
	seen := make(map[string]bool)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		c, err := parseCase(line)
		if err == nil && seen[c.ID] {
			err = fmt.Errorf("duplicate id %q", c.ID)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		seen[c.ID] = true
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read evaluation set: %w", err)
	}
	if len(cases) == 0 {
		return nil, ErrEmptySet
	}
	return cases, nil
}

func parseCase(line []byte) (Case, error) {
	var c Case // fields this version does not know are ignored…
	if err := json.Unmarshal(line, &c); err != nil {
		return c, err
	}
	if err := checkFieldNames(line); err != nil { // …unless misspelt
		return c, err
	}
	switch {
	case c.ID == "" || strings.TrimSpace(c.Question) == "":
		return c, errors.New("id and question are required")
	case c.Kind != KindAnswer && c.Kind != KindRefuse:
		return c, fmt.Errorf("kind %q is neither %q nor %q", c.Kind, KindAnswer, KindRefuse)
	case c.Kind == KindAnswer && len(c.Sections) == 0:
		return c, errors.New("an answer case needs sections")
	case slices.ContainsFunc(c.History, func(h string) bool { return strings.TrimSpace(h) == "" }):
		return c, errors.New("history holds an empty question")
	}
	return c, nil
}

var fieldNames = []string{"id", "question", "kind", "sections", "must_include", "must_exclude", "history"}

// checkFieldNames rejects a field that looks like a misspelt known one
// ("must_inlcude"): ignoring it would make the case pass on any answer.
func checkFieldNames(line []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return err
	}
	for name := range fields {
		if slices.Contains(fieldNames, name) {
			continue
		}
		for _, known := range fieldNames {
			if editDistance(strings.ToLower(name), known) <= 2 {
				return fmt.Errorf("unknown field %q: did you mean %q?", name, known)
			}
		}
	}
	return nil
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
