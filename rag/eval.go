package rag

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// EvalCase is one line of an evaluation set (see README, "Evaluation").
type EvalCase struct {
	ID          string     `json:"id"`
	Question    string     `json:"question"`
	Kind        string     `json:"kind"` // "answer" or "refuse"
	Sections    []string   `json:"sections"`
	MustInclude [][]string `json:"must_include"`
	MustExclude []string   `json:"must_exclude"`
}

// EvalResult is the outcome of one case.
type EvalResult struct {
	ID      string  `json:"id"`
	Refused bool    `json:"refused"`
	HitRank int     `json:"hit_rank"` // 1-based rank of the first relevant chunk, 0 if none in the first 10
	Pass    bool    `json:"pass"`
	Ms      float64 `json:"ms"`
	Answer  string  `json:"answer"`
}

// EvalReport holds the metrics of an evaluation run.
type EvalReport struct {
	HitAt1       float64      `json:"hit_at_1"`
	HitAt3       float64      `json:"hit_at_3"`
	HitAt5       float64      `json:"hit_at_5"`
	MRR          float64      `json:"mrr"`
	AnswerPass   float64      `json:"answer_pass"`
	FalseRefusal float64      `json:"false_refusal"`
	Refusal      float64      `json:"refusal"`
	P50Ms        float64      `json:"p50_ms"`
	P95Ms        float64      `json:"p95_ms"`
	Questions    int          `json:"questions"`
	Results      []EvalResult `json:"results"`
}

// ReadEvalSet reads a JSON-lines evaluation set, rejecting malformed lines
// with their line number.
func ReadEvalSet(r io.Reader) ([]EvalCase, error) {
	var cases []EvalCase
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	seen := make(map[string]bool)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c EvalCase // fields this version does not know are ignored…
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if err := checkFieldNames([]byte(line)); err != nil { // …unless misspelt
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		switch {
		case c.ID == "" || strings.TrimSpace(c.Question) == "":
			return nil, fmt.Errorf("line %d: id and question are required", n)
		case seen[c.ID]:
			return nil, fmt.Errorf("line %d: duplicate id %q", n, c.ID)
		case c.Kind != "answer" && c.Kind != "refuse":
			return nil, fmt.Errorf("line %d: kind %q is neither \"answer\" nor \"refuse\"", n, c.Kind)
		case c.Kind == "answer" && len(c.Sections) == 0:
			return nil, fmt.Errorf("line %d: an answer case needs sections", n)
		}
		seen[c.ID] = true
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read evaluation set: %w", err)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("evaluation set is empty")
	}
	return cases, nil
}

// Evaluate asks every question of the set and scores the answers.
// Retrieval ranks come from a separate search of the first 10 chunks,
// which is not part of the timing.
func Evaluate(ctx context.Context, e *Engine, cases []EvalCase) (EvalReport, error) {
	var rep EvalReport
	var answers, refusals, passed, refusedAnswers, refusedRefusals int
	var hit1, hit3, hit5 int
	var rr float64
	var times []float64
	for _, c := range cases {
		start := time.Now()
		a, err := e.Ask(ctx, Question{Text: c.Question})
		ms := float64(time.Since(start).Microseconds()) / 1000
		if isUserError(err) {
			// The bot declines such a question: it counts as a refusal.
			a, err = Answer{Text: err.Error(), Refused: true}, nil
		}
		if err != nil {
			return rep, fmt.Errorf("case %s: %w", c.ID, err)
		}
		times = append(times, ms)
		res := EvalResult{ID: c.ID, Refused: a.Refused, Ms: ms, Answer: a.Text}
		excluded := !containsAny(a.Text, c.MustExclude)
		switch c.Kind {
		case "answer":
			answers++
			hits, err := e.Index().Search(ctx, c.Question, SearchOptions{K: 10})
			if err != nil {
				return rep, fmt.Errorf("case %s: %w", c.ID, err)
			}
			res.HitRank = hitRank(hits, c.Sections)
			if r := res.HitRank; r > 0 {
				rr += 1 / float64(r)
				hit1 += b2i(r <= 1)
				hit3 += b2i(r <= 3)
				hit5 += b2i(r <= 5)
			}
			res.Pass = !a.Refused && includesAll(a.Text, c.MustInclude) && excluded
			refusedAnswers += b2i(a.Refused)
		case "refuse":
			refusals++
			res.Pass = a.Refused && excluded
			refusedRefusals += b2i(res.Pass)
		}
		passed += b2i(res.Pass && c.Kind == "answer")
		rep.Results = append(rep.Results, res)
	}
	rep.Questions = len(cases)
	rep.HitAt1, rep.HitAt3, rep.HitAt5 = share(hit1, answers), share(hit3, answers), share(hit5, answers)
	rep.MRR = rr / math.Max(1, float64(answers))
	rep.AnswerPass = share(passed, answers)
	rep.FalseRefusal = share(refusedAnswers, answers)
	rep.Refusal = share(refusedRefusals, refusals)
	rep.P50Ms, rep.P95Ms = percentile(times, 0.50), percentile(times, 0.95)
	return rep, nil
}

var evalFields = []string{"id", "question", "kind", "sections", "must_include", "must_exclude"}

// checkFieldNames rejects a field that looks like a misspelt known one
// ("must_inlcude"): ignoring it would make the case pass on any answer.
func checkFieldNames(line []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return err
	}
	for name := range fields {
		if slices.Contains(evalFields, name) {
			continue
		}
		for _, known := range evalFields {
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

// isUserError reports the errors that a question itself causes.
func isUserError(err error) bool {
	var tooLong *TooLongError
	return errors.Is(err, ErrEmptyQuestion) || errors.Is(err, ErrNoWords) || errors.As(err, &tooLong)
}

// hitRank is the 1-based rank of the first chunk under one of sections.
func hitRank(hits []Hit, sections []string) int {
	for i, h := range hits {
		for _, t := range h.Chunk.Trail {
			for _, s := range sections {
				if FoldForMatch(t) == FoldForMatch(s) {
					return i + 1
				}
			}
		}
	}
	return 0
}

func includesAll(text string, groups [][]string) bool {
	for _, g := range groups {
		if !containsAny(text, g) {
			return false
		}
	}
	return true
}

func containsAny(text string, alternatives []string) bool {
	t := FoldForMatch(text)
	for _, a := range alternatives {
		if strings.Contains(t, FoldForMatch(a)) {
			return true
		}
	}
	return false
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// percentile uses the nearest-rank method.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}
