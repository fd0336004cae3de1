package rag

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
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

// Embed embeds each text. It never fails except on a cancelled context.
func (h *HashEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out[i] = h.embed(t)
	}
	return out, nil
}

func (h *HashEmbedder) embed(text string) []float32 {
	counts := make(map[string]float64)
	toks := analyze(text)
	for i, t := range toks {
		counts["w:"+t.term] += stemWeight
		if i > 0 {
			counts["b:"+toks[i-1].term+" "+t.term] += bigramWeight
		}
		if !isNumber(t.term) {
			for _, g := range ngrams(t.word, 4) {
				counts["g:"+g] += gramWeight
			}
		}
	}
	v := make([]float32, h.dims)
	for f, c := range counts {
		hs := fnv.New64a()
		hs.Write([]byte(f))
		x := hs.Sum64()
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
