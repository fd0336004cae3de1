package rag

// The latent semantic embedder, kept in test files only: on the retrieval
// benchmark it ranks worse than the hashed embedder and cross-validation
// never chooses it, so the product does not ship it. TestRetrievalBenchmark
// (RETRIEVAL_BENCH=1) still measures it; the numerics are in
// lsa_linalg_test.go and lsa_svd_test.go.

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// LSAEmbedder is an offline embedder learned from the knowledge itself
// (latent semantic analysis). Fit builds a chunk × term TF-IDF matrix
// (sub-linear term counts, smoothed idf, rows L2-normalised) over the
// stems of the indexed texts, and keeps its rank leading right singular
// vectors V and singular values Σ, computed by a randomized truncated SVD
// (Halko, Martinsson & Tropp 2011). A text then becomes Σ⁻¹Vᵀx (x its
// TF-IDF vector; a chunk's own vector is thus its row of U),
// L2-normalised: stems that occur in the same chunks share
// directions, so texts about one subject come close even when they use
// different words of it. Terms the knowledge lacks are ignored.
//
// An unfitted LSAEmbedder only configures a fit: Build fits it on the
// chunks it indexes (see Fitter), and the fitted embedder's Name names the
// fitted model, so vectors of different fits never mix.
type LSAEmbedder struct {
	rank    int
	bigrams bool    // add pairs of neighbouring stems as terms
	power   float64 // a text maps to Σ^power Vᵀx: 0 is Vᵀx, -1 is Σ⁻¹Vᵀx
	iters   int     // power iterations of the range finder
	m       *lsaModel
}

// lsaModel is what a fit learns.
type lsaModel struct {
	name  string
	ids   map[string]int32 // term → row of proj
	idf   []float64
	dims  int
	proj  []float32 // len(ids) × dims, row t = Σ^power × (row t of V)
	sigma []float64 // leading singular values, descending
}

// DefaultLSARank is the number of latent dimensions kept.
const DefaultLSARank = 200

// Bounds of a fit: a term must occur in lsaMinDF chunks (when the corpus
// is large enough for co-occurrence to mean anything) and at most
// lsaMaxTerms terms, the most frequent, are kept.
const (
	lsaMinDF       = 2
	lsaMinDFCorpus = 20 // below this many texts, every term is kept
	lsaMaxTerms    = 50000
	lsaPowerIters  = 2
)

// NewLSAEmbedder returns an unfitted latent semantic embedder of the
// given rank (DefaultLSARank if rank <= 0). A corpus too small for that
// rank gets a smaller one.
func NewLSAEmbedder(rank int) *LSAEmbedder {
	if rank <= 0 {
		rank = DefaultLSARank
	}
	return &LSAEmbedder{rank: rank, power: -1, iters: lsaPowerIters}
}

// Name identifies the vector space: the rank asked for before a fit; the
// rank and a digest of the fitted model after.
func (e *LSAEmbedder) Name() string {
	if e.m != nil {
		return e.m.name
	}
	return fmt.Sprintf("lsa-fr-v1-%d", e.rank)
}

// Dims returns the length of the vectors, 0 before a fit.
func (e *LSAEmbedder) Dims() int {
	if e.m == nil {
		return 0
	}
	return e.m.dims
}

// SingularValues returns the singular values kept by the fit, descending.
func (e *LSAEmbedder) SingularValues() []float64 {
	if e.m == nil {
		return nil
	}
	return slices.Clone(e.m.sigma)
}

// errLSANotFitted is returned by Embed before Fit.
var errLSANotFitted = errors.New("LSA embedder not fitted: Fit it on the knowledge first")

// Embed maps each text into the fitted latent space, spreading the work
// over the available cores. It fails only before a fit or on a cancelled
// context.
func (e *LSAEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if e.m == nil {
		return nil, errLSANotFitted
	}
	out := make([][]float32, len(texts))
	err := parallelFor(ctx, len(texts), 8, func(lo, hi int) {
		acc := make([]float64, e.m.dims)
		for i := lo; i < hi; i++ {
			out[i] = e.embed(texts[i], acc)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (e *LSAEmbedder) embed(text string, acc []float64) []float32 {
	m := e.m
	clear(acc)
	for t, w := range e.weights(lsaCounts(lsaFeatures(text, e.bigrams), m.ids)) {
		row := m.proj[int(t)*m.dims : (int(t)+1)*m.dims]
		for k, p := range row {
			acc[k] += w * float64(p)
		}
	}
	v := make([]float32, m.dims)
	for k, a := range acc {
		v[k] = float32(a)
	}
	normalize(v)
	return v
}

// weights turns term counts into sub-linear TF-IDF weights (not
// normalised: the embedding is normalised at the end).
func (e *LSAEmbedder) weights(counts map[int32]int) map[int32]float64 {
	out := make(map[int32]float64, len(counts))
	for t, c := range counts {
		out[t] = (1 + math.Log(float64(c))) * e.m.idf[t]
	}
	return out
}

// lsaFeatures returns the terms of a text: its stems and, if asked, the
// pairs of neighbouring stems.
func lsaFeatures(text string, bigrams bool) []string {
	ts := terms(text)
	if !bigrams || len(ts) < 2 {
		return ts
	}
	out := make([]string, len(ts), 2*len(ts)-1)
	copy(out, ts)
	for i := 1; i < len(ts); i++ {
		out = append(out, ts[i-1]+" "+ts[i])
	}
	return out
}

// lsaCounts counts the features found in ids.
func lsaCounts(feats []string, ids map[string]int32) map[int32]int {
	counts := make(map[int32]int, len(feats))
	for _, f := range feats {
		if id, ok := ids[f]; ok {
			counts[id]++
		}
	}
	return counts
}

// Fit learns the latent space of texts and returns the fitted embedder;
// the receiver is left as it was. It is deterministic: the same texts
// give the same model, whatever the number of cores.
func (e *LSAEmbedder) Fit(ctx context.Context, texts []string) (Embedder, error) {
	if len(texts) == 0 {
		return nil, errors.New("fit LSA: no texts")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Terms of every text, counted.
	docCounts := make([]map[string]int, len(texts))
	err := parallelFor(ctx, len(texts), 16, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			c := make(map[string]int)
			for _, f := range lsaFeatures(texts[i], e.bigrams) {
				c[f]++
			}
			docCounts[i] = c
		}
	})
	if err != nil {
		return nil, err
	}
	vocab, idf := lsaVocabulary(docCounts)
	ids := make(map[string]int32, len(vocab))
	for i, t := range vocab {
		ids[t] = int32(i)
	}
	a := lsaMatrix(docCounts, ids, idf)
	docCounts = nil

	f := &LSAEmbedder{rank: e.rank, bigrams: e.bigrams, power: e.power, iters: e.iters}
	m := &lsaModel{ids: ids, idf: idf}
	f.m = m
	if len(vocab) == 0 || a.nnz() == 0 { // nothing to learn: one dimension, every text on it
		m.dims = 1
		m.name = fmt.Sprintf("lsa-fr-v1-%d-empty", e.rank)
		m.ids = map[string]int32{}
		return f, nil
	}
	sigma, v, err := randomizedSVD(ctx, a, e.rank, e.iters)
	if err != nil {
		return nil, err
	}
	r := len(sigma)
	m.dims, m.sigma = r, sigma
	m.proj = make([]float32, len(vocab)*r)
	scale := make([]float64, r)
	for k, s := range sigma {
		scale[k] = math.Pow(s, e.power)
	}
	for t := range vocab {
		for k := range r {
			m.proj[t*r+k] = float32(v.at(t, k) * scale[k])
		}
	}
	m.name = fmt.Sprintf("lsa-fr-v1-%d-%s", r, m.digest(vocab, e.bigrams, e.power))
	return f, nil
}

// digest is a short hash of everything that decides a text's vector.
func (m *lsaModel) digest(vocab []string, bigrams bool, power float64) string {
	h := sha256.New()
	var buf [8]byte
	put := func(x uint64) {
		binary.LittleEndian.PutUint64(buf[:], x)
		h.Write(buf[:])
	}
	put(uint64(m.dims))
	put(math.Float64bits(power))
	if bigrams {
		put(1)
	} else {
		put(0)
	}
	for i, t := range vocab {
		h.Write([]byte(t))
		h.Write([]byte{0})
		put(math.Float64bits(m.idf[i]))
	}
	b := make([]byte, 4*len(m.proj))
	for i, p := range m.proj {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(p))
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// lsaVocabulary keeps the terms found in enough texts, the most frequent
// first (ties in alphabetical order), and returns their smoothed idf.
func lsaVocabulary(docCounts []map[string]int) ([]string, []float64) {
	df := make(map[string]int)
	for _, c := range docCounts {
		for t := range c {
			df[t]++
		}
	}
	minDF := lsaMinDF
	if len(docCounts) < lsaMinDFCorpus {
		minDF = 1
	}
	vocab := make([]string, 0, len(df))
	for t, n := range df {
		if n >= minDF {
			vocab = append(vocab, t)
		}
	}
	slices.SortFunc(vocab, func(x, y string) int {
		if df[x] != df[y] {
			return df[y] - df[x]
		}
		return strings.Compare(x, y)
	})
	if len(vocab) > lsaMaxTerms {
		vocab = vocab[:lsaMaxTerms]
	}
	n := float64(len(docCounts))
	idf := make([]float64, len(vocab))
	for i, t := range vocab {
		idf[i] = math.Log((1+n)/(1+float64(df[t]))) + 1
	}
	return vocab, idf
}

// lsaMatrix builds the text × term TF-IDF matrix, rows L2-normalised and
// their entries in term order.
func lsaMatrix(docCounts []map[string]int, ids map[string]int32, idf []float64) *csr {
	a := &csr{rows: len(docCounts), cols: len(ids), ptr: make([]int, len(docCounts)+1)}
	type entry struct {
		t int32
		w float64
	}
	var row []entry
	for d, c := range docCounts {
		row = row[:0]
		var norm float64
		for term, n := range c {
			if t, ok := ids[term]; ok {
				w := (1 + math.Log(float64(n))) * idf[t]
				row = append(row, entry{t, w})
				norm += w * w
			}
		}
		slices.SortFunc(row, func(x, y entry) int { return int(x.t) - int(y.t) })
		inv := 1 / math.Sqrt(norm)
		for _, en := range row {
			a.idx = append(a.idx, en.t)
			a.val = append(a.val, en.w*inv)
		}
		a.ptr[d+1] = len(a.idx)
	}
	return a
}
