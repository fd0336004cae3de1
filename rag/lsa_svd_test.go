package rag

// The randomized truncated SVD behind the latent semantic embedder
// (lsa_embedder_test.go), with its Jacobi eigensolver, and their tests.

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

const (
	lsaOversample = 10
	lsaSeed1      = 0x6c73612d66722d31 // "lsa-fr-1"
	lsaSeed2      = 0x9e3779b97f4a7c15
)

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

// TestRandomizedSVD checks the singular values of a matrix built with
// known ones, and the orthonormality of V.
func TestRandomizedSVD(t *testing.T) {
	const rows, cols, r = 60, 40, 8
	rng := rand.New(rand.NewPCG(1, 2))
	gauss := func(n, m int) *dense {
		d := newDense(n, m)
		for i := range d.data {
			d.data[i] = rng.NormFloat64()
		}
		return d
	}
	u, err := orthonormalize(context.Background(), gauss(rows, r))
	if err != nil {
		t.Fatal(err)
	}
	v, err := orthonormalize(context.Background(), gauss(cols, r))
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{10, 7, 5, 3, 2, 1, 0.5, 0.25}
	a := &csr{rows: rows, cols: cols, ptr: make([]int, rows+1)}
	for i := range rows {
		for j := range cols {
			var x float64
			for k := range r {
				x += u.at(i, k) * want[k] * v.at(j, k)
			}
			a.idx = append(a.idx, int32(j))
			a.val = append(a.val, x)
		}
		a.ptr[i+1] = len(a.idx)
	}
	for _, rank := range []int{4, 8, 30} {
		sigma, got, err := randomizedSVD(context.Background(), a, rank, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(sigma) != min(rank, r) {
			t.Fatalf("rank %d: %d singular values, want %d", rank, len(sigma), min(rank, r))
		}
		for k, s := range sigma {
			if math.Abs(s-want[k]) > 1e-9*want[0] {
				t.Errorf("rank %d: sigma[%d] = %v, want %v", rank, k, s, want[k])
			}
			// The kth right singular vector matches up to sign.
			var d float64
			for j := range cols {
				d += got.at(j, k) * v.at(j, k)
			}
			if math.Abs(math.Abs(d)-1) > 1e-8 {
				t.Errorf("rank %d: |<v%d, want>| = %v", rank, k, math.Abs(d))
			}
		}
	}
}

func TestJacobiEigen(t *testing.T) {
	const n = 12
	rng := rand.New(rand.NewPCG(3, 4))
	a := make([]float64, n*n)
	for i := range n {
		for j := i; j < n; j++ {
			a[i*n+j] = rng.NormFloat64()
			a[j*n+i] = a[i*n+j]
		}
	}
	orig := slices.Clone(a)
	vals, vecs, err := jacobiEigen(context.Background(), a, n)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		for j := range n {
			var x, id float64
			for k := range n {
				x += vecs[i*n+k] * vals[k] * vecs[j*n+k]
				id += vecs[k*n+i] * vecs[k*n+j]
			}
			if math.Abs(x-orig[i*n+j]) > 1e-10 {
				t.Fatalf("V Λ Vᵀ [%d,%d] = %v, want %v", i, j, x, orig[i*n+j])
			}
			if want := b2f(i == j); math.Abs(id-want) > 1e-10 {
				t.Fatalf("VᵀV [%d,%d] = %v", i, j, id)
			}
		}
	}
}
