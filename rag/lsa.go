package rag

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
	lsaMinDF         = 2
	lsaMinDFCorpus   = 20 // below this many texts, every term is kept
	lsaMaxTerms      = 50000
	lsaOversample    = 10
	lsaPowerIters    = 2
	lsaSeed1         = 0x6c73612d66722d31 // "lsa-fr-1"
	lsaSeed2         = 0x9e3779b97f4a7c15
	lsaBlock         = 64 // rows per unit of parallel work
	lsaRelativeFloor = 1e-7
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

// csr is a sparse matrix in compressed sparse row form.
type csr struct {
	rows, cols int
	ptr        []int // row i is cols[ptr[i]:ptr[i+1]]
	idx        []int32
	val        []float64
}

func (a *csr) nnz() int { return len(a.idx) }

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

// transpose returns aᵀ, its rows' entries in increasing order.
func (a *csr) transpose() *csr {
	t := &csr{rows: a.cols, cols: a.rows, ptr: make([]int, a.cols+1),
		idx: make([]int32, a.nnz()), val: make([]float64, a.nnz())}
	for _, c := range a.idx {
		t.ptr[c+1]++
	}
	for i := range a.cols {
		t.ptr[i+1] += t.ptr[i]
	}
	next := slices.Clone(t.ptr[:a.cols])
	for r := range a.rows {
		for p := a.ptr[r]; p < a.ptr[r+1]; p++ {
			c := a.idx[p]
			t.idx[next[c]] = int32(r)
			t.val[next[c]] = a.val[p]
			next[c]++
		}
	}
	return t
}

// dense is a row-major matrix.
type dense struct {
	rows, cols int
	data       []float64
}

func newDense(rows, cols int) *dense {
	return &dense{rows: rows, cols: cols, data: make([]float64, rows*cols)}
}

func (m *dense) at(i, j int) float64 { return m.data[i*m.cols+j] }
func (m *dense) row(i int) []float64 { return m.data[i*m.cols : (i+1)*m.cols] }

// mul returns a × x.
func (a *csr) mul(ctx context.Context, x *dense) (*dense, error) {
	out := newDense(a.rows, x.cols)
	err := parallelFor(ctx, a.rows, lsaBlock, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			o := out.row(i)
			for p := a.ptr[i]; p < a.ptr[i+1]; p++ {
				axpy(a.val[p], x.row(int(a.idx[p])), o)
			}
		}
	})
	return out, err
}

// randomizedSVD returns the leading singular values of a (at most rank,
// fewer when a has fewer independent directions) and the matching right
// singular vectors as the columns of a cols × r matrix: a Gaussian test
// matrix with rank+oversampling columns, iters power iterations, each
// product re-orthonormalised, then B = Qᵀa, whose SVD comes from the
// Jacobi eigen-decomposition of BBᵀ.
func randomizedSVD(ctx context.Context, a *csr, rank, iters int) ([]float64, *dense, error) {
	at := a.transpose()
	rank = min(rank, a.rows, a.cols)
	l := min(rank+max(lsaOversample, rank/10), a.rows, a.cols)

	rng := rand.New(rand.NewPCG(lsaSeed1, lsaSeed2))
	omega := newDense(a.cols, l)
	for i := range omega.data {
		omega.data[i] = rng.NormFloat64()
	}
	y, err := a.mul(ctx, omega)
	if err != nil {
		return nil, nil, err
	}
	q, err := orthonormalize(ctx, y)
	if err != nil {
		return nil, nil, err
	}
	for range iters {
		z, err := at.mul(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		if z, err = orthonormalize(ctx, z); err != nil {
			return nil, nil, err
		}
		if y, err = a.mul(ctx, z); err != nil {
			return nil, nil, err
		}
		if q, err = orthonormalize(ctx, y); err != nil {
			return nil, nil, err
		}
	}
	// bt = Bᵀ = aᵀq, cols × l; BBᵀ = btᵀbt.
	bt, err := at.mul(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	cols := columns(bt)
	g := make([]float64, l*l)
	err = parallelFor(ctx, l, 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			for j := i; j < l; j++ {
				g[i*l+j] = dot(cols[i], cols[j])
				g[j*l+i] = g[i*l+j]
			}
		}
	})
	if err != nil {
		return nil, nil, err
	}
	vals, w, err := jacobiEigen(ctx, g, l)
	if err != nil {
		return nil, nil, err
	}
	// Keep the leading components that are not numerically zero.
	order := make([]int, l)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		switch {
		case vals[x] > vals[y]:
			return -1
		case vals[x] < vals[y]:
			return 1
		}
		return 0
	})
	var sigma []float64
	top := math.Sqrt(max(vals[order[0]], 0))
	for _, k := range order[:rank] {
		s := math.Sqrt(max(vals[k], 0))
		if s <= top*1e-6 || s == 0 {
			break
		}
		sigma = append(sigma, s)
	}
	r := len(sigma)
	if r == 0 {
		return nil, nil, errors.New("fit LSA: the matrix is zero")
	}
	// V = Bᵀ W Σ⁻¹.
	wr := newDense(l, r)
	for i := range l {
		for k := range r {
			wr.data[i*r+k] = w[i*l+order[k]] / sigma[k]
		}
	}
	v := newDense(a.cols, r)
	err = parallelFor(ctx, a.cols, lsaBlock, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			o := v.row(i)
			for j, b := range bt.row(i) {
				if b != 0 {
					axpy(b, wr.row(j), o)
				}
			}
		}
	})
	if err != nil {
		return nil, nil, err
	}
	return sigma, v, nil
}

// columns returns the columns of m as separate slices.
func columns(m *dense) [][]float64 {
	cols := make([][]float64, m.cols)
	buf := make([]float64, m.rows*m.cols)
	for j := range cols {
		cols[j] = buf[j*m.rows : (j+1)*m.rows]
	}
	for i := range m.rows {
		for j, x := range m.row(i) {
			cols[j][i] = x
		}
	}
	return cols
}

// orthonormalize returns an orthonormal basis of the columns of m, as
// many columns as m, by modified Gram–Schmidt: each column is normalised
// in turn and its direction removed from the columns after it, those
// updates shared between the cores. A column left numerically null (m has
// fewer independent columns) becomes zero.
func orthonormalize(ctx context.Context, m *dense) (*dense, error) {
	cols := columns(m)
	orig := make([]float64, len(cols))
	for j, c := range cols {
		orig[j] = math.Sqrt(dot(c, c))
	}
	for i, c := range cols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n := math.Sqrt(dot(c, c))
		if n <= orig[i]*lsaRelativeFloor || n == 0 {
			clear(c)
			continue
		}
		scal(1/n, c)
		rest := cols[i+1:]
		work := func(lo, hi int) {
			for _, d := range rest[lo:hi] {
				axpy(-dot(c, d), c, d)
			}
		}
		if len(rest)*m.rows < 1<<15 {
			work(0, len(rest))
			continue
		}
		var wg sync.WaitGroup
		workers := min(runtime.GOMAXPROCS(0), len(rest))
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				work(w*len(rest)/workers, (w+1)*len(rest)/workers)
			}()
		}
		wg.Wait()
	}
	out := newDense(m.rows, m.cols)
	for j, c := range cols {
		for i, x := range c {
			out.data[i*m.cols+j] = x
		}
	}
	return out, nil
}

// jacobiEigen diagonalises the symmetric n × n matrix a (row-major,
// overwritten) by cyclic Jacobi rotations. It returns the eigenvalues and
// the eigenvectors as the columns of a row-major n × n matrix.
func jacobiEigen(ctx context.Context, a []float64, n int) ([]float64, []float64, error) {
	v := make([]float64, n*n)
	for i := range n {
		v[i*n+i] = 1
	}
	var total float64
	for _, x := range a {
		total += x * x
	}
	for sweep := 0; sweep < 60; sweep++ {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		var off float64
		for i := range n {
			for j := i + 1; j < n; j++ {
				off += a[i*n+j] * a[i*n+j]
			}
		}
		if off <= total*1e-30 || off == 0 {
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				apq := a[p*n+q]
				if apq == 0 {
					continue
				}
				app, aqq := a[p*n+p], a[q*n+q]
				if math.Abs(apq) < 1e-18*math.Sqrt(math.Abs(app*aqq)) {
					a[p*n+q], a[q*n+p] = 0, 0
					continue
				}
				theta := (aqq - app) / (2 * apq)
				t := 1 / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				if theta < 0 {
					t = -t
				}
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := range n { // columns p and q
					kp, kq := a[k*n+p], a[k*n+q]
					a[k*n+p] = c*kp - s*kq
					a[k*n+q] = s*kp + c*kq
				}
				rp, rq := a[p*n:(p+1)*n], a[q*n:(q+1)*n]
				for k := range n { // rows p and q
					pk, qk := rp[k], rq[k]
					rp[k] = c*pk - s*qk
					rq[k] = s*pk + c*qk
				}
				a[p*n+q], a[q*n+p] = 0, 0
				for k := range n {
					kp, kq := v[k*n+p], v[k*n+q]
					v[k*n+p] = c*kp - s*kq
					v[k*n+q] = s*kp + c*kq
				}
			}
		}
	}
	vals := make([]float64, n)
	for i := range n {
		vals[i] = a[i*n+i]
	}
	return vals, v, nil
}

// parallelFor runs body over [0, n) in blocks of size block, spread over
// the available cores; each index is handled by exactly one call, so the
// result does not depend on scheduling. It stops early on a cancelled
// context and returns its error.
func parallelFor(ctx context.Context, n, block int, body func(lo, hi int)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	block = max(block, 1)
	blocks := (n + block - 1) / block
	workers := min(runtime.GOMAXPROCS(0), blocks)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				b := int(next.Add(1) - 1)
				if b >= blocks {
					return
				}
				body(b*block, min((b+1)*block, n))
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// axpy adds a×x to y.
func axpy(a float64, x, y []float64) {
	y = y[:len(x)]
	i := 0
	for ; i+4 <= len(x); i += 4 {
		y[i] += a * x[i]
		y[i+1] += a * x[i+1]
		y[i+2] += a * x[i+2]
		y[i+3] += a * x[i+3]
	}
	for ; i < len(x); i++ {
		y[i] += a * x[i]
	}
}

func scal(a float64, x []float64) {
	for i := range x {
		x[i] *= a
	}
}
