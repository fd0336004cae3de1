package rag

// Sparse and dense matrices and the parallel vector kernels of the
// latent semantic embedder (lsa_embedder_test.go).

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

const (
	lsaBlock         = 64   // rows per unit of parallel work
	lsaRelativeFloor = 1e-7 // a column this small, relative to its start, is null
)

// csr is a sparse matrix in compressed sparse row form.
type csr struct {
	rows, cols int
	ptr        []int // row i is cols[ptr[i]:ptr[i+1]]
	idx        []int32
	val        []float64
}

func (a *csr) nnz() int { return len(a.idx) }

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
