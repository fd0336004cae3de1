package rag

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"strings"
	"testing"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag/french"
)

// The retrieval study scores ranking variants on question sets and on
// the LibreOffice/GIMP title benchmark, and chooses weights by
// cross-validation. It runs only when asked:
//
//	STUDY=1 go test ./rag -run TestRetrievalStudy -v -timeout 60m
//
// The question sets are the development halves in eval/testdata/sets
// (never the held-out halves), the team's set, and the shared set when it
// sits beside the repository; the title benchmark needs
// rag/benchdata/fetch.sh (STUDY=questions leaves it out).

// benchDir is where rag/benchdata/fetch.sh writes the benchmark corpora
// (BENCHDATA_OUT overrides it, as for the script).
func benchDir() string {
	if d := os.Getenv("BENCHDATA_OUT"); d != "" {
		return d
	}
	return filepath.Join("benchdata", "out")
}

// studyQuery is a question whose relevant sections are known.
type studyQuery struct {
	text     string
	relevant func(Hit) bool
}

// studySet is a set of queries against one index, with their signals
// computed once, so that fusion weights vary at no cost.
type studySet struct {
	name    string
	ix      *Index
	queries []studyQuery
	sigs    []signals
}

func (s *studySet) computeSignals(t *testing.T) {
	t.Helper()
	s.sigs = make([]signals, len(s.queries))
	for i, q := range s.queries {
		r := s.ix.Read(q.text)
		sig := s.ix.lexicalSignals(r, "", true)
		sem, err := s.ix.semantic(context.Background(), r.Restored, "")
		if err != nil {
			t.Fatal(err)
		}
		sig.sem = sem
		s.sigs[i] = sig
	}
}

// reciprocalRanks scores each query with fusion f and embedding share 1-w.
func (s *studySet) reciprocalRanks(f fusion, w float64, only []int) []float64 {
	saved := s.ix.fusion
	s.ix.fusion = f
	defer func() { s.ix.fusion = saved }()
	var rr []float64
	for _, i := range only {
		r := 0.0
		for rank, h := range s.ix.rank(s.sigs[i], w, 10) {
			if s.queries[i].relevant(h) {
				r = 1 / float64(rank+1)
				break
			}
		}
		rr = append(rr, r)
	}
	return rr
}

type studyScores struct{ hit1, hit5, mrr float64 }

func (s studyScores) String() string {
	return fmt.Sprintf("hit@1 %.3f  hit@5 %.3f  MRR %.3f", s.hit1, s.hit5, s.mrr)
}

func scoresOf(rr []float64) studyScores {
	var s studyScores
	for _, r := range rr {
		s.hit1 += b2f(r == 1)
		s.hit5 += b2f(r >= 0.2)
		s.mrr += r
	}
	n := float64(max(len(rr), 1))
	return studyScores{s.hit1 / n, s.hit5 / n, s.mrr / n}
}

func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// variant is one ranking configuration.
type variant struct {
	name string
	f    fusion
	w    float64 // lexical share; 1 − w for the embedding
}

func (v variant) String() string {
	return fmt.Sprintf("%-24s sec %.2f grams %.2f chunk %.2f head %.2f lex %.2f", v.name, v.f.section, v.f.grams, v.f.chunk, v.f.heading, v.w)
}

// variants is the grid the study chooses from: few, so that choosing
// among them on ~150 questions means something.
func variants() []variant {
	out := []variant{
		{"chunks alone (before)", fusion{chunk: 1}, 0.85},
		{"chunk BM25 alone", fusion{chunk: 1}, 1},
		{"whole-section BM25", fusion{section: 1}, 1},
		{"section grams alone", fusion{grams: 1}, 1},
	}
	for _, g := range []float64{0.25, 0.5, 0.75} {
		for _, h := range []float64{0, 0.2, 0.4} {
			f := fusion{section: (1 - g) * (1 - h), grams: g * (1 - h), heading: h}
			for _, w := range []float64{1, 0.85} {
				out = append(out, variant{fmt.Sprintf("g%.2f h%.2f", g, h), f, w})
			}
		}
	}
	return out
}

func TestRetrievalStudy(t *testing.T) {
	mode := os.Getenv("STUDY")
	if mode == "" {
		t.Skip("set STUDY=1 to run the retrieval study")
	}
	sets := questionSets(t)
	if mode != "questions" {
		if s, ok := titleSet(t); ok {
			sets = append(sets, s)
		}
	}
	for _, s := range sets {
		s.computeSignals(t)
	}
	vs := variants()
	t.Log("Whole sets (no choice made on them):")
	for _, s := range sets {
		t.Logf("%s, %d queries", s.name, len(s.queries))
		best := make([]float64, len(s.queries)) // the best variant for each query: a bound no rule reaches
		for _, v := range vs {
			rr := s.reciprocalRanks(v.f, v.w, all(len(s.queries)))
			t.Logf("  %v  %v", v, scoresOf(rr))
			for i, r := range rr {
				best[i] = max(best[i], r)
			}
		}
		t.Logf("  %-24s %v", "best variant per query", scoresOf(best))
	}
	crossValidate(t, sets, vs)
}

// crossValidate chooses a variant on four folds of every question set
// together (each set weighing the same) and scores it on the fifth; it
// reports the variants chosen and the held-out scores per set.
func crossValidate(t *testing.T, sets []*studySet, vs []variant) {
	const folds = 5
	var questionSets []*studySet
	for _, s := range sets {
		if !strings.HasPrefix(s.name, "titles") {
			questionSets = append(questionSets, s)
		}
	}
	cv := make([][]float64, len(questionSets))
	chosen := map[string]int{}
	for f := range folds {
		best, bestScore := 0, -1.0
		for vi, v := range vs {
			var macro float64
			for _, s := range questionSets {
				var train []int
				for i := range s.queries {
					if i%folds != f {
						train = append(train, i)
					}
				}
				macro += scoresOf(s.reciprocalRanks(v.f, v.w, train)).mrr
			}
			if macro > bestScore {
				best, bestScore = vi, macro
			}
		}
		chosen[vs[best].String()]++
		for si, s := range questionSets {
			var test []int
			for i := range s.queries {
				if i%folds == f {
					test = append(test, i)
				}
			}
			cv[si] = append(cv[si], s.reciprocalRanks(vs[best].f, vs[best].w, test)...)
		}
	}
	t.Log("5-fold cross-validation over the question sets (best macro MRR on four folds):")
	for v, n := range chosen {
		t.Logf("  chosen %d×: %s", n, v)
	}
	for si, s := range questionSets {
		m, se := meanSE(cv[si])
		t.Logf("  %-28s %v (±%.3f)", s.name, scoresOf(cv[si]), se)
		_ = m
	}
}

// questionSets loads the development question sets with their knowledge.
func questionSets(t *testing.T) []*studySet {
	builtin := buildStudyIndex(t, knowledge.Default())
	faq := buildStudyIndex(t, os.DirFS("eval/testdata/corpora/debian-faq"))
	ref := buildStudyIndex(t, os.DirFS("eval/testdata/corpora/debian-reference"))
	specs := []struct {
		name, path string
		ix         *Index
	}{
		{"interpol blind dev", "eval/testdata/sets/interpol.dev.jsonl", builtin},
		{"interpol team", "../cmd/assistant/testdata/interpol.jsonl", builtin},
		{"interpol shared dev", "../../shared/eval/dev.jsonl", builtin},
		{"debian-faq dev", "eval/testdata/sets/faq.dev.jsonl", faq},
		{"debian-reference dev", "eval/testdata/sets/reference.dev.jsonl", ref},
	}
	var out []*studySet
	for _, sp := range specs {
		qs, err := readStudyQuestions(sp.path)
		if os.IsNotExist(err) {
			t.Logf("%s: %s missing, left out", sp.name, sp.path)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, &studySet{name: sp.name, ix: sp.ix, queries: qs})
	}
	return out
}

func buildStudyIndex(t *testing.T, fsys fs.FS) *Index {
	t.Helper()
	docs, _, err := knowledge.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), ChunkDocuments(docs, ChunkOptions{Size: 900, Overlap: 150}), IndexOptions{LexicalWeight: new(0.85)}) // embeddings too, for the variants that read them
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// readStudyQuestions reads the answerable questions of an evaluation set.
func readStudyQuestions(path string) ([]studyQuery, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []studyQuery
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct {
			Question string   `json:"question"`
			Kind     string   `json:"kind"`
			Sections []string `json:"sections"`
			History  []string `json:"history"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if c.Kind != "answer" || len(c.History) > 0 {
			continue
		}
		want := make(map[string]bool)
		for _, s := range c.Sections {
			want[french.FoldForMatch(s)] = true
		}
		out = append(out, studyQuery{text: c.Question, relevant: func(h Hit) bool {
			for _, tr := range h.Chunk.Trail {
				if want[french.FoldForMatch(tr)] {
					return true
				}
			}
			return false
		}})
	}
	return out, sc.Err()
}

// titleSet is the LibreOffice/GIMP benchmark: page titles as queries
// against page bodies (rag/benchdata).
func titleSet(t *testing.T) (*studySet, bool) {
	dir := benchDir()
	f, err := os.Open(filepath.Join(dir, "pairs.jsonl"))
	if err != nil {
		t.Logf("title benchmark missing (run rag/benchdata/fetch.sh): %v", err)
		return nil, false
	}
	defer f.Close()
	var qs []studyQuery
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p struct{ Query, Doc string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		doc := p.Doc
		qs = append(qs, studyQuery{text: p.Query, relevant: func(h Hit) bool { return h.Chunk.Document == doc }})
	}
	ix := buildStudyIndex(t, os.DirFS(filepath.Join(dir, "corpus")))
	return &studySet{name: "titles (LibreOffice/GIMP)", ix: ix, queries: qs}, true
}

// meanSE returns the mean and its standard error.
func meanSE(xs []float64) (mean, se float64) {
	if len(xs) < 2 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	v /= float64(len(xs) - 1)
	return mean, math.Sqrt(v / float64(len(xs)))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
