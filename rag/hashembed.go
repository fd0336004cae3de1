package rag

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/interpol-onu/assistant/rag/french"
)

// HashEmbedder is the offline embedder: it needs no model file and no
// network. A text becomes a bag of features (stems, pairs of neighbouring
// stems, character n-grams of its words), each hashed with a sign into one
// of Dims dimensions, with sub-linear counts, then L2-normalised. Texts
// sharing words and word pieces get close vectors; paraphrases with no
// shared words do not (that is the lexical limit of an offline embedder).
type HashEmbedder struct {
	dims int
}

// DefaultHashDims balances collisions against memory and scan time.
const DefaultHashDims = 1024

// NewHashEmbedder returns an offline embedder producing dims-sized
// vectors (DefaultHashDims if dims <= 0).
func NewHashEmbedder(dims int) *HashEmbedder {
	if dims <= 0 {
		dims = DefaultHashDims
	}
	return &HashEmbedder{dims: dims}
}

// Name identifies the vector space.
func (h *HashEmbedder) Name() string { return fmt.Sprintf("hash-fr-v1-%d", h.dims) }

// Feature weights: whole stems dominate; word pairs add phrase order;
// n-grams give typo and inflection tolerance.
const (
	stemWeight   = 1.0
	bigramWeight = 0.5
	gramWeight   = 0.25
)

// Embed embeds each text, spreading the work over the available cores.
// It never fails except on a cancelled context.
func (h *HashEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(texts)/16))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(texts); i += workers {
				if ctx.Err() != nil {
					return
				}
				out[i] = h.embed(texts[i])
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// FNV-1a, written out so that features are hashed without building strings.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvAdd(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func feature(kind byte, parts ...string) uint64 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(kind)) * fnvPrime
	for i, p := range parts {
		if i > 0 {
			h = (h ^ ' ') * fnvPrime
		}
		h = fnvAdd(h, p)
	}
	return h
}

func (h *HashEmbedder) embed(text string) []float32 {
	counts := make(map[uint64]float64, 256)
	toks := french.Analyze(text)
	for i, t := range toks {
		counts[feature('w', t.Term)] += stemWeight
		if i > 0 {
			counts[feature('b', toks[i-1].Term, t.Term)] += bigramWeight
		}
		if !french.IsNumber(t.Term) {
			padded := []rune("^" + french.Fold(t.Word) + "$")
			for j := 0; j+4 <= len(padded) || j == 0; j++ {
				counts[feature('g', string(padded[j:min(j+4, len(padded))]))] += gramWeight
			}
		}
	}
	v := make([]float32, h.dims)
	for x, c := range counts {
		w := float32(1 + math.Log(c)) // sub-linear: repeats count less
		if c < 1 {
			w = float32(c)
		}
		if x>>63 == 1 {
			w = -w
		}
		v[x%uint64(h.dims)] += w
	}
	normalize(v)
	return v
}

func normalize(v []float32) {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 { // no feature at all: any unit vector will do
		v[0] = 1
		return
	}
	inv := float32(1 / math.Sqrt(sum))
	for i := range v {
		v[i] *= inv
	}
}
