package embedcache

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"testing"

	"github.com/interpol-onu/assistant/internal/testsupport"
)

// counting is a fake inner embedder that counts what it is asked.
type counting struct {
	name string
	dims int
	fail error

	mu    sync.Mutex
	calls [][]string
}

func (c *counting) Name() string { return c.name }

func (c *counting) Embed(_ context.Context, texts []string) ([][]float32, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, append([]string(nil), texts...))
	if c.fail != nil {
		return nil, c.fail
	}
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = vectorOf(t, c.dims)
	}
	return out, nil
}

// embedded returns the number of calls and of texts embedded.
func (c *counting) embedded() (calls, texts int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, call := range c.calls {
		texts += len(call)
	}
	return len(c.calls), texts
}

func vectorOf(text string, dims int) []float32 {
	h := fnv.New32a()
	h.Write([]byte(text))
	seed := h.Sum32()
	v := make([]float32, dims)
	for i := range v {
		seed = seed*1664525 + 1013904223
		v[i] = float32(seed>>8)/float32(1<<24) - 0.5
	}
	return v
}

// corpus is documents × chunks texts; chunk j of document i is text(i, j).
func corpus(docs, chunks int) []string {
	var out []string
	for i := range docs {
		for j := range chunks {
			out = append(out, text(i, j, ""))
		}
	}
	return out
}

func text(doc, chunk int, edit string) string {
	return fmt.Sprintf("Document %d, passage %d : les membres respectent le règlement du serveur%s.", doc, chunk, edit)
}

// logBuffer captures a logger's output.
type logBuffer = testsupport.LogBuffer

func mustOpen(t *testing.T, dir string, inner *counting, logs *logBuffer) *Embedder {
	t.Helper()
	var l *slog.Logger
	if logs != nil {
		l = logs.Logger()
	}
	e, err := Open(dir, inner, l)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustEmbed(t *testing.T, e *Embedder, texts []string) [][]float32 {
	t.Helper()
	v, err := e.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(v), len(texts))
	}
	return v
}

var errDown = errors.New("embedding api down")
