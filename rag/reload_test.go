package rag

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/interpol-onu/assistant/knowledge"
)

// copyKB copies the fixture knowledge into a fresh folder and returns it.
func copyKB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(kbDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(kbDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, e.Name(), string(b))
	}
	return dir
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func ask(t *testing.T, e *Engine, q string) Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), Question{Text: q})
	if err != nil {
		t.Fatalf("ask %q: %v", q, err)
	}
	return a
}

func themeTitles(ts []Theme) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Title)
	}
	return out
}

func TestReloadReportsChanges(t *testing.T) {
	dir := copyKB(t)
	ctx := context.Background()
	e, err := New(ctx, Options{Knowledge: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	before := len(e.Index().Chunks())

	// Nothing changed: everything kept.
	r, err := e.Reload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.DocumentsAdded != nil || r.DocumentsChanged != nil || r.DocumentsRemoved != nil ||
		r.ChunksAdded != 0 || r.ChunksRemoved != 0 || r.ChunksKept != before || r.Chunks != before || r.Documents != 4 {
		t.Errorf("reload without change: %+v", r)
	}

	// Add one document, change one paragraph of another, remove a third.
	writeFile(t, dir, "piscine.md", "# Piscine municipale\n\n## Bonnet de bain\n\nLe bonnet de bain est obligatoire dans tous les bassins.\n")
	phare, err := os.ReadFile(filepath.Join(dir, "histoire-phare.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "histoire-phare.txt", strings.Replace(string(phare), "263 marches", "265 marches", 1))
	if err := os.Remove(filepath.Join(dir, "mediatheque.md")); err != nil {
		t.Fatal(err)
	}

	r, err = e.Reload(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.DocumentsAdded, []string{"piscine.md"}) ||
		!slices.Equal(r.DocumentsChanged, []string{"histoire-phare.txt"}) ||
		!slices.Equal(r.DocumentsRemoved, []string{"mediatheque.md"}) {
		t.Errorf("added %v, changed %v, removed %v", r.DocumentsAdded, r.DocumentsChanged, r.DocumentsRemoved)
	}
	after := len(e.Index().Chunks())
	if r.Chunks != after || r.Documents != 4 {
		t.Errorf("report has %d chunks in %d documents, index %d chunks", r.Chunks, r.Documents, after)
	}
	if r.ChunksAdded+r.ChunksKept != after {
		t.Errorf("added %d + kept %d != %d chunks now", r.ChunksAdded, r.ChunksKept, after)
	}
	if r.ChunksKept+r.ChunksRemoved != before {
		t.Errorf("kept %d + removed %d != %d chunks before", r.ChunksKept, r.ChunksRemoved, before)
	}
	// One new chunk for the pool, one for the changed lighthouse section;
	// the library's two chunks and the old lighthouse section go.
	if r.ChunksAdded != 2 || r.ChunksRemoved != 3 {
		t.Errorf("chunks added %d, removed %d; want 2 and 3", r.ChunksAdded, r.ChunksRemoved)
	}
	if got, want := themeTitles(r.Themes), themeTitles(e.Themes()); !slices.Equal(got, want) {
		t.Errorf("report themes %q, engine %q", got, want)
	}
	if slices.Contains(themeTitles(e.Themes()), "Médiathèque municipale") || !slices.Contains(themeTitles(e.Themes()), "Piscine municipale") {
		t.Errorf("themes after reload: %q", themeTitles(e.Themes()))
	}
	if r.Duration <= 0 {
		t.Errorf("duration %v", r.Duration)
	}

	if a := ask(t, e, "Combien de marches compte le phare ?"); !strings.Contains(a.Text, "265 marches") {
		t.Errorf("changed document not reloaded: %q", a.Text)
	}
	if a := ask(t, e, "Le bonnet de bain est-il obligatoire ?"); a.Refused || a.Sources[0].Document != "piscine.md" {
		t.Errorf("added document not answered from: %q %v", a.Text, a.Sources)
	}
	if a := ask(t, e, "Combien de DVD peut-on emprunter ?"); !a.Refused {
		t.Errorf("removed document still answers: %q %v", a.Text, a.Sources)
	}
}

func TestReloadFailureKeepsTheIndex(t *testing.T) {
	dir := copyKB(t)
	ctx := context.Background()
	e, err := New(ctx, Options{Knowledge: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	themes := e.Themes()
	ix := e.Index()
	entries, _ := os.ReadDir(dir)
	for _, en := range entries {
		if err := os.Remove(filepath.Join(dir, en.Name())); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dir, "image.png", "\x89PNG")

	r, err := e.Reload(ctx)
	if !errors.Is(err, knowledge.ErrNoDocuments) {
		t.Fatalf("reload of an emptied folder: err = %v, want knowledge.ErrNoDocuments", err)
	}
	if r.Chunks != 0 || r.DocumentsRemoved != nil {
		t.Errorf("failed reload reports %+v", r)
	}
	if e.Index() != ix || !slices.Equal(e.Themes(), themes) {
		t.Error("failed reload replaced the index")
	}
	if a := ask(t, e, "Combien de marches compte le phare ?"); !strings.Contains(a.Text, "263 marches") {
		t.Errorf("after a failed reload: %q", a.Text)
	}
	// A later good reload works: the failure left no lock behind.
	writeFile(t, dir, "phare.txt", "Le phare\nLe phare de Kerbrat compte 300 marches.\n")
	if _, err := e.Reload(ctx); err != nil {
		t.Fatalf("reload after a failure: %v", err)
	}
	if a := ask(t, e, "Combien de marches compte le phare ?"); !strings.Contains(a.Text, "300 marches") {
		t.Errorf("after the good reload: %q", a.Text)
	}
}

// gatedEmbedder is the offline embedder, except that once armed, embedding
// chunks waits until the test releases it. Questions are never held.
type gatedEmbedder struct {
	*HashEmbedder
	armed   atomic.Bool
	started chan struct{}
	release chan struct{}
}

func newGatedEmbedder() *gatedEmbedder {
	return &gatedEmbedder{HashEmbedder: NewHashEmbedder(0), started: make(chan struct{}, 1), release: make(chan struct{})}
}

func (g *gatedEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if g.armed.Load() {
		g.started <- struct{}{}
		select {
		case <-g.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return g.HashEmbedder.Embed(ctx, texts)
}

func (g *gatedEmbedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	v, err := g.HashEmbedder.Embed(ctx, []string{text})
	if err != nil {
		return nil, err
	}
	return v[0], nil
}

func TestConcurrentReloads(t *testing.T) {
	dir := copyKB(t)
	ctx := context.Background()
	emb := newGatedEmbedder()
	e, err := New(ctx, Options{Knowledge: os.DirFS(dir), Index: IndexOptions{Embedder: emb}})
	if err != nil {
		t.Fatal(err)
	}
	phare, err := os.ReadFile(filepath.Join(dir, "histoire-phare.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "histoire-phare.txt", strings.Replace(string(phare), "263 marches", "265 marches", 1))

	emb.armed.Store(true)
	type result struct {
		r   ReloadReport
		err error
	}
	first := make(chan result)
	go func() {
		r, err := e.Reload(ctx)
		first <- result{r, err}
	}()
	<-emb.started // the first reload is embedding

	if _, err := e.Reload(ctx); !errors.Is(err, ErrReloadInProgress) {
		t.Errorf("second reload: err = %v, want ErrReloadInProgress", err)
	}
	// Questions asked meanwhile are answered from the current index.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := e.Ask(ctx, Question{Text: "Combien de marches compte le phare ?"})
			if err != nil || !strings.Contains(a.Text, "263 marches") {
				t.Errorf("during reload: %q, %v", a.Text, err)
			}
		}()
	}
	wg.Wait()

	emb.armed.Store(false)
	close(emb.release)
	res := <-first
	if res.err != nil {
		t.Fatalf("first reload: %v", res.err)
	}
	if !slices.Equal(res.r.DocumentsChanged, []string{"histoire-phare.txt"}) {
		t.Errorf("first reload changed %v", res.r.DocumentsChanged)
	}
	if a := ask(t, e, "Combien de marches compte le phare ?"); !strings.Contains(a.Text, "265 marches") {
		t.Errorf("after reload: %q", a.Text)
	}
	if _, err := e.Reload(ctx); err != nil {
		t.Errorf("reload after the first finished: %v", err)
	}
}

// TestReloadRefusesToDropABrokenDocument breaks a document the index
// answers from: the reload fails, names it, and the old index stays.
func TestReloadRefusesToDropABrokenDocument(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("phare.txt", "Le phare\nLe phare de Kerbrat mesure 52 mètres de haut.\n")
	write("club.txt", "Le club\nLe club d’échecs se réunit le mardi soir.\n")
	e, err := New(context.Background(), Options{Knowledge: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	write("phare.txt", "Le phare\n\xff\xfe mesure 52 m\xe8tres.\n") // no longer UTF-8
	write("nouveau.txt", "Nouveau\nUn document ajouté en même temps.\n")
	_, err = e.Reload(context.Background())
	var broken *BrokenDocumentsError
	if !errors.As(err, &broken) || len(broken.Documents) != 1 || broken.Documents[0].Name != "phare.txt" {
		t.Fatalf("Reload error = %v, want a BrokenDocumentsError naming phare.txt", err)
	}
	a, err := e.Ask(context.Background(), Question{Text: "Combien mesure le phare ?"})
	if err != nil || a.Refused || !strings.Contains(a.Text, "52 mètres") {
		t.Errorf("after the failed reload: %q, %v; want the old answer", a.Text, err)
	}
	if n := len(e.Index().Chunks()); n != 2 {
		t.Errorf("index has %d chunks, want the old 2", n)
	}
	// A new file that is broken from the start is only skipped.
	write("phare.txt", "Le phare\nLe phare de Kerbrat mesure 52 mètres de haut.\n")
	write("casse.txt", "\x00\x01binaire")
	r, err := e.Reload(context.Background())
	if err != nil {
		t.Fatalf("reload with a new broken file: %v", err)
	}
	if len(r.Skipped) != 1 || r.Skipped[0].Name != "casse.txt" || len(r.DocumentsAdded) != 1 {
		t.Errorf("report = %+v, want casse.txt skipped and nouveau.txt added", r)
	}
}

// TestReloadTakesAnEmptiedDocumentAsRemoved: emptying a file is a way to
// remove it, not a broken document.
func TestReloadTakesAnEmptiedDocumentAsRemoved(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"phare.txt": "Le phare\nLe phare de Kerbrat mesure 52 mètres de haut.\n",
		"club.txt":  "Le club\nLe club d’échecs se réunit le mardi soir.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	e, err := New(context.Background(), Options{Knowledge: os.DirFS(dir)})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "phare.txt"), []byte("  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := e.Reload(context.Background())
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	if !slices.Equal(r.DocumentsRemoved, []string{"phare.txt"}) || len(r.Skipped) != 1 {
		t.Errorf("report = %+v, want phare.txt removed and reported as skipped", r)
	}
}
