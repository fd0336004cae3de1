package rag

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// lsaFixture has three subjects, four texts each, that share words within
// a subject and hardly across.
var lsaFixture = [][]string{
	{ // cybercriminalité
		"Les rançongiciels chiffrent les serveurs des hôpitaux ; les pirates exigent une rançon en cryptomonnaie.",
		"Le piratage informatique des serveurs d'entreprise passe souvent par un courriel d'hameçonnage.",
		"Les enquêteurs en cybercriminalité tracent les paiements en cryptomonnaie des rançongiciels.",
		"Une attaque informatique par hameçonnage a permis aux pirates de voler les mots de passe des serveurs.",
	},
	{ // stupéfiants
		"Les trafiquants de cocaïne utilisent des conteneurs maritimes pour passer la drogue dans les ports.",
		"La saisie de cocaïne dans le port a révélé un réseau de trafiquants de drogue international.",
		"Les douaniers inspectent les conteneurs au port pour trouver la drogue cachée par les trafiquants.",
		"Le trafic de drogue finance les réseaux criminels ; la cocaïne arrive par les ports maritimes.",
	},
	{ // faune sauvage
		"Le braconnage des éléphants alimente le commerce illégal d'ivoire vers les marchés asiatiques.",
		"Les gardes forestiers protègent les rhinocéros et les éléphants contre le braconnage.",
		"Le commerce de l'ivoire et des cornes de rhinocéros menace la faune sauvage protégée.",
		"Une saisie d'ivoire d'éléphants révèle un réseau de braconnage et de commerce de la faune sauvage.",
	},
}

func lsaFixtureTexts() (texts []string, topic []int) {
	for t, group := range lsaFixture {
		for _, s := range group {
			texts = append(texts, s)
			topic = append(topic, t)
		}
	}
	return texts, topic
}

func fitLSA(t *testing.T, e *LSAEmbedder, texts []string) *LSAEmbedder {
	t.Helper()
	f, err := e.Fit(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	return f.(*LSAEmbedder)
}

func embedAll(t *testing.T, e Embedder, texts []string) [][]float32 {
	t.Helper()
	vs, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(vs), len(texts))
	}
	return vs
}

func cosine(x, y []float32) float64 {
	var s float64
	for i := range x {
		s += float64(x[i]) * float64(y[i])
	}
	return s
}

func checkUnit(t *testing.T, vs [][]float32, dims int) {
	t.Helper()
	for i, v := range vs {
		if len(v) != dims {
			t.Fatalf("vector %d: %d dims, want %d", i, len(v), dims)
		}
		if n := cosine(v, v); math.Abs(n-1) > 1e-5 {
			t.Fatalf("vector %d: squared norm %v, want 1", i, n)
		}
	}
}

func TestLSAEmbedderTopics(t *testing.T) {
	texts, topic := lsaFixtureTexts()
	for _, power := range []float64{0, -0.5, -1} {
		e := NewLSAEmbedder(4)
		e.power = power
		f := fitLSA(t, e, texts)
		if f.Dims() != 4 {
			t.Fatalf("power %v: %d dims, want 4", power, f.Dims())
		}
		vs := embedAll(t, f, texts)
		checkUnit(t, vs, 4)
		var same, other float64
		var nSame, nOther int
		for i := range vs {
			for j := i + 1; j < len(vs); j++ {
				if topic[i] == topic[j] {
					same += cosine(vs[i], vs[j])
					nSame++
				} else {
					other += cosine(vs[i], vs[j])
					nOther++
				}
			}
		}
		same, other = same/float64(nSame), other/float64(nOther)
		if same < other+0.3 {
			t.Errorf("power %v: mean cosine within a subject %.3f, across %.3f", power, same, other)
		}
		// Questions that share few words with any one text still land
		// on their subject.
		questions := map[string]int{
			"Comment les pirates utilisent-ils l'hameçonnage et la cryptomonnaie ?": 0,
			"Quels ports servent au trafic de cocaïne ?":                            1,
			"Qui lutte contre le braconnage des rhinocéros ?":                       2,
		}
		for q, want := range questions {
			qv := embedAll(t, f, []string{q})[0]
			best, bestSim := -1, -2.0
			for i, v := range vs {
				if s := cosine(qv, v); s > bestSim {
					best, bestSim = i, s
				}
			}
			if topic[best] != want {
				t.Errorf("power %v: %q is closest to %q", power, q, texts[best])
			}
		}
	}
}

func TestLSAEmbedderDeterministic(t *testing.T) {
	texts, _ := lsaFixtureTexts()
	a := fitLSA(t, NewLSAEmbedder(5), texts)
	prev := runtime.GOMAXPROCS(1)
	b := fitLSA(t, NewLSAEmbedder(5), texts)
	runtime.GOMAXPROCS(prev)
	if a.Name() != b.Name() {
		t.Fatalf("names differ: %s, %s", a.Name(), b.Name())
	}
	va, vb := embedAll(t, a, texts), embedAll(t, b, texts)
	for i := range va {
		if !slices.Equal(va[i], vb[i]) {
			t.Fatalf("vector %d differs between fits", i)
		}
	}
	if !strings.HasPrefix(a.Name(), "lsa-fr-v1-5-") {
		t.Errorf("fitted name %q", a.Name())
	}
	// Another corpus, another space, another name.
	c := fitLSA(t, NewLSAEmbedder(5), texts[1:])
	if c.Name() == a.Name() {
		t.Errorf("different fits share the name %s", a.Name())
	}
	// Same corpus, other scaling: other name too.
	s := NewLSAEmbedder(5)
	s.power = 0
	if d := fitLSA(t, s, texts); d.Name() == a.Name() {
		t.Errorf("different scalings share the name %s", a.Name())
	}
}

func TestLSAEmbedderNames(t *testing.T) {
	if got := NewLSAEmbedder(100).Name(); got != "lsa-fr-v1-100" {
		t.Errorf("Name = %q", got)
	}
	if got := NewLSAEmbedder(0).Name(); got != "lsa-fr-v1-200" {
		t.Errorf("default Name = %q", got)
	}
	var _ Fitter = NewLSAEmbedder(0)
	if _, err := NewLSAEmbedder(0).Embed(context.Background(), []string{"x"}); !errors.Is(err, errLSANotFitted) {
		t.Errorf("Embed before Fit: %v", err)
	}
}

func TestLSAEmbedderSmallCorpora(t *testing.T) {
	ctx := context.Background()
	if _, err := NewLSAEmbedder(10).Fit(ctx, nil); err == nil {
		t.Error("Fit(nil) succeeded")
	}
	texts, _ := lsaFixtureTexts()
	cases := map[string][]string{
		"one text":          texts[:1],
		"two texts":         texts[:2],
		"empty texts":       {"", "", ""},
		"stop words only":   {"le la les de du", "et ou mais donc"},
		"some empty":        {"", texts[0], "", texts[5]},
		"one word":          {"cocaïne"},
		"rank above chunks": texts,
	}
	for name, c := range cases {
		f := fitLSA(t, NewLSAEmbedder(50), c)
		if f.Dims() < 1 || f.Dims() > len(c) {
			t.Errorf("%s: %d dims for %d texts", name, f.Dims(), len(c))
		}
		probe := append(slices.Clone(c), "", "mot inconnu zzzz", "cocaïne et ivoire")
		checkUnit(t, embedAll(t, f, probe), f.Dims())
	}
	// A text of unknown words only: a unit vector all the same.
	f := fitLSA(t, NewLSAEmbedder(3), texts)
	checkUnit(t, embedAll(t, f, []string{"xylophone quasar"}), 3)
	if vs := embedAll(t, f, nil); len(vs) != 0 {
		t.Errorf("Embed(nil) = %v", vs)
	}
}

func TestLSAEmbedderCancelled(t *testing.T) {
	texts, _ := lsaFixtureTexts()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := NewLSAEmbedder(4).Fit(ctx, texts); !errors.Is(err, context.Canceled) {
		t.Errorf("Fit on a cancelled context: %v", err)
	}
	f := fitLSA(t, NewLSAEmbedder(4), texts)
	if _, err := f.Embed(ctx, texts); !errors.Is(err, context.Canceled) {
		t.Errorf("Embed on a cancelled context: %v", err)
	}
	// Cancelled midway through a larger fit.
	many := make([]string, 0, 3000)
	for i := range 3000 {
		many = append(many, texts[i%len(texts)]+" "+strings.Repeat("mot", i%7+1))
	}
	ctx2, cancel2 := context.WithCancel(context.Background())
	go cancel2()
	if _, err := NewLSAEmbedder(50).Fit(ctx2, many); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("Fit cancelled midway: %v", err)
	}
}

func TestLSAInBuild(t *testing.T) {
	texts, _ := lsaFixtureTexts()
	chunks := make([]Chunk, len(texts))
	for i, s := range texts {
		chunks[i] = Chunk{ID: string(rune('a' + i)), Document: "d", Trail: []string{"T"}, Text: s}
	}
	ix, err := Build(context.Background(), chunks, IndexOptions{Embedder: NewLSAEmbedder(4), LexicalWeight: -1})
	if err != nil {
		t.Fatal(err)
	}
	if name := ix.Embedder().Name(); !strings.HasPrefix(name, "lsa-fr-v1-4-") {
		t.Fatalf("index embedder %q, want a fitted LSA", name)
	}
	hits, err := ix.Search(context.Background(), "braconnage des rhinocéros", SearchOptions{K: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if !strings.Contains(strings.Join(lsaFixture[2], "\n"), h.Chunk.Text) {
			t.Errorf("hit off subject: %q", h.Chunk.Text)
		}
	}
}

// concatEmbedder concatenates the vectors of its parts, each scaled by the
// square root of its weight, so that the cosine of two texts is the
// weighted mean of their parts' cosines. Parts that are Fitters are
// fitted. The retrieval benchmark uses it to combine hashed and LSA
// vectors.
type concatEmbedder struct {
	parts   []Embedder
	weights []float64 // summing to 1
}

func (c *concatEmbedder) Name() string {
	names := make([]string, len(c.parts))
	for i, p := range c.parts {
		names[i] = fmt.Sprintf("%s*%g", p.Name(), c.weights[i])
	}
	return strings.Join(names, "+")
}

func (c *concatEmbedder) Fit(ctx context.Context, texts []string) (Embedder, error) {
	out := &concatEmbedder{weights: c.weights}
	for _, p := range c.parts {
		if f, ok := p.(Fitter); ok {
			e, err := f.Fit(ctx, texts)
			if err != nil {
				return nil, err
			}
			p = e
		}
		out.parts = append(out.parts, p)
	}
	return out, nil
}

func (c *concatEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for j, p := range c.parts {
		vs, err := p.Embed(ctx, texts)
		if err != nil {
			return nil, err
		}
		s := float32(math.Sqrt(c.weights[j]))
		for i, v := range vs {
			for _, x := range v {
				out[i] = append(out[i], s*x)
			}
		}
	}
	return out, nil
}

func TestConcatEmbedder(t *testing.T) {
	texts, _ := lsaFixtureTexts()
	c := &concatEmbedder{parts: []Embedder{NewHashEmbedder(64), NewLSAEmbedder(3)}, weights: []float64{0.8, 0.2}}
	f, err := c.Fit(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	checkUnit(t, embedAll(t, f, texts), 64+3)
}
