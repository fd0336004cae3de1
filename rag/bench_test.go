package rag

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/interpol-onu/assistant/knowledge"
)

// The large benchmarks read the corpus written by rag/benchdata/fetch.sh
// and are skipped without it:
//
//	bash rag/benchdata/fetch.sh
//	go test ./rag -run '^$' -bench . -benchmem -benchtime 20x -count 5

const sampleChunk = `Le Bureau du Représentant spécial d’INTERPOL auprès des Nations Unies à
Vienne est particulièrement mobilisé en faveur de la lutte contre ces formes de criminalité
interconnectées, et travaille en étroite collaboration avec l’Office des Nations Unies contre la
drogue et le crime. La collaboration entre INTERPOL et les entités des Nations Unies ne cesse de se
renforcer en matière de lutte contre la criminalité organisée, les nouvelles formes de criminalité
et la criminalité transnationale, en particulier concernant leur lien avec le terrorisme.`

func BenchmarkEmbedChunk(b *testing.B) {
	e := NewHashEmbedder(0)
	texts := []string{sampleChunk}
	b.SetBytes(int64(len(sampleChunk)))
	for b.Loop() {
		if _, err := e.Embed(context.Background(), texts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildDefault(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

var large struct {
	once   sync.Once
	chunks []Chunk
	ix     *Index
	err    error
}

// largeIndex loads the large corpus once per test binary.
func largeIndex(b *testing.B) ([]Chunk, *Index) {
	dir := filepath.Join(benchDir(), "large")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("large corpus missing: run rag/benchdata/fetch.sh")
	}
	large.once.Do(func() {
		docs, _, err := knowledge.Load(os.DirFS(dir))
		if err != nil {
			large.err = err
			return
		}
		large.chunks = ChunkDocuments(docs, ChunkOptions{Size: 900, Overlap: 150})
		large.ix, large.err = Build(context.Background(), large.chunks, IndexOptions{})
	})
	if large.err != nil {
		b.Fatal(large.err)
	}
	if len(large.chunks) < 10000 {
		b.Fatalf("large corpus has %d chunks, want at least 10,000", len(large.chunks))
	}
	return large.chunks, large.ix
}

var index10k struct {
	once         sync.Once
	ix, embedded *Index
	err          error
}

// largeIndex10k indexes the first 10,000 chunks of the large corpus: the
// size the retrieval target is stated for.
func largeIndex10k(b *testing.B) *Index {
	chunks, _ := largeIndex(b)
	index10k.once.Do(func() {
		ctx := context.Background()
		index10k.ix, index10k.err = Build(ctx, chunks[:10000], IndexOptions{})
		if index10k.err == nil {
			index10k.embedded, index10k.err = Build(ctx, chunks[:10000], IndexOptions{LexicalWeight: new(0.85)})
		}
	})
	if index10k.err != nil {
		b.Fatal(index10k.err)
	}
	return index10k.ix
}

// BenchmarkSearch10k is the offline default (lexical fields);
// BenchmarkSearchHybrid10k adds the hashed embedder at a share of 0.15;
// BenchmarkChromemQuery10k is a bare chromem-go query on the latter's
// collection of the same 10,000 chunks.
func BenchmarkSearch10k(b *testing.B) { benchSearch(b, largeIndex10k(b)) }

func BenchmarkSearchHybrid10k(b *testing.B) {
	largeIndex10k(b)
	benchSearch(b, index10k.embedded)
}

func BenchmarkChromemQuery10k(b *testing.B) {
	largeIndex10k(b)
	benchChromemQuery(b, index10k.embedded)
}

func BenchmarkBuildLarge(b *testing.B) {
	chunks, _ := largeIndex(b)
	b.ReportMetric(float64(len(chunks)), "chunks")
	for b.Loop() {
		if _, err := Build(context.Background(), chunks, IndexOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

var benchQuestions = []string{
	"Comment insérer un tableau dans un document texte ?",
	"modifier la taille des cellules du classeur",
	"Quelle commande affiche l'espace disque utilisé ?",
	"configurer le réseau sans fil",
	"exporter une présentation au format PDF",
}

// BenchmarkSearchLarge is the offline retrieval of a question over the
// whole large corpus (lexical fields, sections ranked).
func BenchmarkSearchLarge(b *testing.B) {
	_, ix := largeIndex(b)
	benchSearch(b, ix)
}

func benchSearch(b *testing.B, ix *Index) {
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := ix.Search(ctx, benchQuestions[i%len(benchQuestions)], SearchOptions{K: 5}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func benchChromemQuery(b *testing.B, ix *Index) {
	ctx := context.Background()
	vecs, err := ix.emb.Embed(ctx, benchQuestions)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := ix.coll.QueryEmbedding(ctx, vecs[i%len(vecs)], 5, nil, nil); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAskLarge is one question end to end: checks, retrieval,
// coverage and the extractive answer.
func BenchmarkAskLarge(b *testing.B) {
	_, ix := largeIndex(b)
	e := &Engine{opt: Options{}.withDefaults()}
	e.state.Store(&state{index: ix})
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := e.Ask(ctx, Question{Text: benchQuestions[i%len(benchQuestions)]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkIndexMemory reports what an indexed chunk costs beyond its text
// and its vector: chunk metadata, BM25 postings, the vocabulary, and
// chromem-go's document. The budget is 1.5 KB.
func BenchmarkIndexMemory(b *testing.B) {
	dir := filepath.Join(benchDir(), "large")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("large corpus missing: run rag/benchdata/fetch.sh")
	}
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		docs, _, err := knowledge.Load(os.DirFS(dir))
		if err != nil {
			b.Fatal(err)
		}
		chunks := ChunkDocuments(docs, ChunkOptions{Size: 900, Overlap: 150})
		docs = nil
		ix, err := Build(context.Background(), chunks, IndexOptions{})
		if err != nil {
			b.Fatal(err)
		}
		chunks = nil
		runtime.GC()
		runtime.ReadMemStats(&after)
		n := len(ix.chunks)
		var text int
		for _, c := range ix.chunks {
			text += len(c.Text)
		}
		vector := 0 // offline, chunks are not embedded (DefaultLexicalWeight)
		if ix.coll != nil {
			vector = 4 * len(mustEmbed(b, ix, "x"))
		}
		perChunk := float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
		b.ReportMetric(float64(n), "chunks")
		b.ReportMetric(perChunk, "total-B/chunk")
		b.ReportMetric(float64(text)/float64(n), "text-B/chunk")
		b.ReportMetric(float64(vector), "vector-B/chunk")
		b.ReportMetric(perChunk-float64(text)/float64(n)-float64(vector), "overhead-B/chunk")
		runtime.KeepAlive(ix)
	}
}

func mustEmbed(b *testing.B, ix *Index, text string) []float32 {
	v, err := ix.emb.Embed(context.Background(), []string{strings.TrimSpace(text)})
	if err != nil {
		b.Fatal(err)
	}
	return v[0]
}
