package rag

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/interpol-onu/assistant/knowledge"
)

// benchDir is where rag/benchdata/fetch.sh writes the benchmark corpora
// (BENCHDATA_OUT overrides it, as for the script).
func benchDir() string {
	if d := os.Getenv("BENCHDATA_OUT"); d != "" {
		return d
	}
	return filepath.Join("benchdata", "out")
}

type benchPair struct {
	ID    string `json:"id"`
	Query string `json:"query"`
	Doc   string `json:"doc"`
}

// TestRetrievalBenchmark scores BM25 alone, the embedder alone and their
// fusion on real French documentation (page titles as queries against page
// bodies), and chooses the fusion weight by 5-fold cross-validation. It
// needs the corpus from rag/benchdata/fetch.sh and runs only when asked:
//
//	RETRIEVAL_BENCH=1 go test ./rag -run TestRetrievalBenchmark -v -timeout 60m
//
// RETRIEVAL_BENCH=quick scores the default settings only.
func TestRetrievalBenchmark(t *testing.T) {
	if os.Getenv("RETRIEVAL_BENCH") == "" {
		t.Skip("set RETRIEVAL_BENCH=1 (and run rag/benchdata/fetch.sh) to run")
	}
	dir := benchDir()
	pairs := readPairs(t, filepath.Join(dir, "pairs.jsonl"))
	docs, _, err := knowledge.Load(os.DirFS(filepath.Join(dir, "corpus")))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sizes, dimensions := []int{900, 1500}, []int{1024, 2048}
	quick := os.Getenv("RETRIEVAL_BENCH") == "quick" // the default settings only
	if quick {
		sizes, dimensions = sizes[:1], dimensions[:1]
	}
	for _, size := range sizes {
		chunks := ChunkDocuments(docs, ChunkOptions{Size: size, Overlap: 150})
		for _, dims := range dimensions {
			ix, err := Build(ctx, chunks, IndexOptions{Embedder: NewHashEmbedder(dims)})
			if err != nil {
				t.Fatal(err)
			}
			for _, k1 := range []float64{1.2, 2.0} {
				ix.lex.k1 = k1
				runs := retrieveAll(t, ix, pairs)
				label := fmt.Sprintf("chunk %d, hash %d, k1 %.1f, %d chunks", size, dims, k1, len(chunks))
				report(t, label, ix, runs)
			}
		}
	}
}

type pairRun struct {
	doc      string
	lex, sem []scored
}

func retrieveAll(t *testing.T, ix *Index, pairs []benchPair) []pairRun {
	runs := make([]pairRun, len(pairs))
	for i, p := range pairs {
		r := ix.Read(p.Query)
		n := min(candidates, len(ix.chunks))
		lex := ix.lex.search(ix.lex.resolve(r.Terms), n, nil)
		sem, err := ix.semantic(context.Background(), r.Restored, n, "")
		if err != nil {
			t.Fatal(err)
		}
		runs[i] = pairRun{doc: p.Doc, lex: lex, sem: sem}
	}
	return runs
}

type scores struct{ hit1, hit5, mrr float64 }

func (s scores) String() string {
	return fmt.Sprintf("hit@1 %.3f  hit@5 %.3f  MRR@10 %.3f", s.hit1, s.hit5, s.mrr)
}

// evaluateWeight scores the runs fused with lexical weight w.
func evaluateWeight(ix *Index, runs []pairRun, w float64) scores {
	var s scores
	for _, r := range runs {
		hits := ix.fuse(r.lex, r.sem, 10, w)
		for i, h := range hits {
			if h.Chunk.Document == r.doc {
				s.hit1 += b2f(i == 0)
				s.hit5 += b2f(i < 5)
				s.mrr += 1 / float64(i+1)
				break
			}
		}
	}
	n := float64(len(runs))
	return scores{s.hit1 / n, s.hit5 / n, s.mrr / n}
}

var weights = []float64{0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1}

func report(t *testing.T, label string, ix *Index, runs []pairRun) {
	t.Logf("%s, %d queries", label, len(runs))
	t.Logf("  BM25 alone      %v", evaluateWeight(ix, runs, 1))
	t.Logf("  embedder alone  %v", evaluateWeight(ix, runs, 0))
	for _, w := range weights {
		t.Logf("  hybrid w=%.2f   %v", w, evaluateWeight(ix, runs, w))
	}
	// 5-fold cross-validation: choose w on four folds, score the fifth.
	// Two rules: the best MRR, and the one-standard-error rule (the
	// smallest lexical weight, i.e. the most embedding, whose MRR is
	// within one standard error of the best).
	const folds = 5
	for _, rule := range []string{"best MRR", "one-SE rule"} {
		var cv scores
		chosen := make([]float64, 0, folds)
		for f := range folds {
			var train, test []pairRun
			for i, r := range runs {
				if i%folds == f {
					test = append(test, r)
				} else {
					train = append(train, r)
				}
			}
			w := chooseWeight(ix, train, rule == "one-SE rule")
			chosen = append(chosen, w)
			s := evaluateWeight(ix, test, w)
			cv.hit1 += s.hit1 / folds
			cv.hit5 += s.hit5 / folds
			cv.mrr += s.mrr / folds
		}
		t.Logf("  hybrid, CV, %-11s %v  (weights chosen per fold: %v)", rule, cv, chosen)
	}
}

// chooseWeight picks the fusion weight on training queries.
func chooseWeight(ix *Index, train []pairRun, oneSE bool) float64 {
	best, bestMRR, bestSE := 0.0, -1.0, 0.0
	mrrs := make(map[float64]float64)
	for _, w := range weights {
		rr := reciprocalRanks(ix, train, w)
		m, se := meanSE(rr)
		mrrs[w] = m
		if m > bestMRR {
			best, bestMRR, bestSE = w, m, se
		}
	}
	if !oneSE {
		return best
	}
	for _, w := range weights { // ascending: most embedding first
		if mrrs[w] >= bestMRR-bestSE {
			return w
		}
	}
	return best
}

func reciprocalRanks(ix *Index, runs []pairRun, w float64) []float64 {
	rr := make([]float64, len(runs))
	for i, r := range runs {
		for rank, h := range ix.fuse(r.lex, r.sem, 10, w) {
			if h.Chunk.Document == r.doc {
				rr[i] = 1 / float64(rank+1)
				break
			}
		}
	}
	return rr
}

// meanSE returns the mean and its standard error.
func meanSE(xs []float64) (mean, se float64) {
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

func readPairs(t *testing.T, path string) []benchPair {
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run rag/benchdata/fetch.sh first)", err)
	}
	defer f.Close()
	var pairs []benchPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p benchPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, p)
	}
	return pairs
}
