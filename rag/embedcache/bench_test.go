package embedcache_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/rag/embedcache"
	"github.com/interpol-onu/assistant/rag/openaicompat"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// BenchmarkEmbedCache10k measures, for a 10,000-chunk corpus embedded
// through the OpenAI-compatible embedder and a fake server, the
// embedding requests and time of a cold build, a warm restart and a
// one-document edit (about 1 % of the chunks). ASSISTANT_BENCH_CORPUS
// names a folder of .md/.txt files to use instead of generated text;
// ASSISTANT_BENCH_DIMS sets the dimension (default 1536).
//
//	go test ./rag/embedcache -run '^$' -bench EmbedCache10k -benchtime 3x
func BenchmarkEmbedCache10k(b *testing.B) {
	docs := benchCorpus(b)
	dims := 1536
	if v, err := strconv.Atoi(os.Getenv("ASSISTANT_BENCH_DIMS")); err == nil && v > 0 {
		dims = v
	}
	srv := openaitest.NewServer(b, "sk-bench", "", "bench-embed")
	srv.Dims = dims
	cfg := openaicompat.Config{
		APIKey: srv.Key, BaseURL: srv.URL, EmbeddingModel: srv.EmbeddingModel,
		Timeout: 30 * time.Second, MaxRetries: 3, BatchSize: 64, Concurrency: 2,
	}
	inner, err := openaicompat.NewEmbedder(cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	all := flatten(docs)
	b.Logf("%d documents, %d chunks, %d dimensions, batches of %d, %d in flight",
		len(docs), len(all), dims, cfg.BatchSize, cfg.Concurrency)

	embed := func(b *testing.B, dir string, texts []string) {
		c, err := embedcache.Open(dir, inner, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Embed(context.Background(), texts); err != nil {
			b.Fatal(err)
		}
	}
	report := func(b *testing.B, runs int) {
		reqs, texts := 0, 0
		for _, batch := range srv.Batches() {
			reqs++
			texts += len(batch)
		}
		b.ReportMetric(float64(reqs)/float64(runs), "requests/op")
		b.ReportMetric(float64(texts)/float64(runs), "texts/op")
	}

	b.Run("cold", func(b *testing.B) {
		srv.ResetCounts()
		runs := 0
		for b.Loop() {
			embed(b, b.TempDir(), all)
			runs++
		}
		report(b, runs)
	})

	warmDir := b.TempDir()
	embed(b, warmDir, all)
	b.Run("warm-restart", func(b *testing.B) {
		srv.ResetCounts()
		runs := 0
		for b.Loop() {
			embed(b, warmDir, all) // open (read and check the file), then embed
			runs++
		}
		report(b, runs)
	})

	b.Run("one-document-edit", func(b *testing.B) {
		c, err := embedcache.Open(warmDir, inner, nil)
		if err != nil {
			b.Fatal(err)
		}
		srv.ResetCounts()
		runs := 0
		for b.Loop() {
			// Each run edits the first document anew, as a reload does.
			edited := append([][]string(nil), docs...)
			edited[0] = make([]string, len(docs[0]))
			for j, t := range docs[0] {
				edited[0][j] = fmt.Sprintf("%s (révision %d)", t, runs)
			}
			if _, err := c.Embed(context.Background(), flatten(edited)); err != nil {
				b.Fatal(err)
			}
			runs++
		}
		report(b, runs)
	})
}

func flatten(docs [][]string) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d...)
	}
	return out
}

// benchCorpus returns 10,000 chunks grouped by document: 100 generated
// documents of 100 chunks, or the files of ASSISTANT_BENCH_CORPUS cut
// into ~900-character chunks (cycled with a copy number to reach 10,000;
// identical chunks are embedded once).
func benchCorpus(b *testing.B) [][]string {
	const total = 10000
	if dir := os.Getenv("ASSISTANT_BENCH_CORPUS"); dir != "" {
		var docs [][]string
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".txt")) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if chunks := cut(string(data), 900); len(chunks) > 0 {
				docs = append(docs, chunks)
			}
			return nil
		})
		if err != nil || len(docs) == 0 {
			b.Fatalf("read ASSISTANT_BENCH_CORPUS: %v (%d documents)", err, len(docs))
		}
		var out [][]string
		n := 0
		for copyNo := 0; n < total; copyNo++ {
			for _, d := range docs {
				doc := make([]string, 0, len(d))
				for _, c := range d {
					if n == total {
						break
					}
					doc = append(doc, fmt.Sprintf("%s [%d]", c, copyNo))
					n++
				}
				if len(doc) > 0 {
					out = append(out, doc)
				}
			}
		}
		return out
	}
	words := strings.Fields("le la les un une des membre serveur règlement modération salon vocal " +
		"avertissement exclusion sanction candidature rôle administrateur message privé signalement " +
		"respect discussion événement inscription lundi mois semaine jour équipe question réponse")
	docs := make([][]string, 100)
	for i := range docs {
		for j := range 100 {
			var sb strings.Builder
			fmt.Fprintf(&sb, "Document %d, section %d.", i, j)
			for k := range 120 {
				sb.WriteString(" ")
				sb.WriteString(words[(i*7+j*13+k*k)%len(words)])
			}
			docs[i] = append(docs[i], sb.String())
		}
	}
	return docs
}

// cut splits text into pieces of about size characters at paragraph ends.
func cut(text string, size int) []string {
	var out []string
	var cur strings.Builder
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if cur.Len() > 0 && cur.Len()+len(p) > size {
			out = append(out, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteString("\n\n")
		}
		cur.WriteString(p)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
