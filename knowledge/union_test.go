package knowledge

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

func TestUnionShowsMountsBesideBase(t *testing.T) {
	base := fstest.MapFS{
		"guide.md":       {Data: []byte("# Guide\n\nLe guide du dossier.\n")},
		"sous/notes.txt": {Data: []byte("Notes\nDes notes du dossier.\n")},
	}
	added := fstest.MapFS{
		"guide.md":  {Data: []byte("# Ajout\n\nUn guide ajouté, du même nom.\n")},
		".tmp-1234": {Data: []byte("un fichier temporaire")},
	}
	answers := []byte("# Réponses\n\n## Question ?\n\nRéponse.\n")
	u := Union(base, Folder("ajouts", added), Generated("reponses.md", func() ([]byte, error) { return answers, nil }))
	if err := fstest.TestFS(u, "guide.md", "sous/notes.txt", "ajouts/guide.md", "reponses.md"); err != nil {
		t.Fatal(err)
	}
	docs, skipped, err := Load(u)
	if err != nil || len(skipped) != 0 {
		t.Fatalf("Load = %v skipped, %v", skipped, err)
	}
	if got := names(docs); !slices.Equal(got, []string{"ajouts/guide.md", "guide.md", "reponses.md", "sous/notes.txt"}) {
		t.Errorf("loaded %v: the added guide must keep its own name beside the folder's", got)
	}
}

// TestUnionNeverShadowsBase: a mount named like an entry of base is not
// shown, whatever it holds.
func TestUnionNeverShadowsBase(t *testing.T) {
	base := fstest.MapFS{
		"ajouts/officiel.md": {Data: []byte("# Officiel\n\nLe texte du dossier.\n")},
		"reponses.md":        {Data: []byte("# Dossier\n\nLes réponses du dossier.\n")},
	}
	added := fstest.MapFS{"officiel.md": {Data: []byte("# Pirate\n\nUn remplaçant.\n")}}
	rendered := 0
	u := Union(base, Folder("ajouts", added), Generated("reponses.md", func() ([]byte, error) {
		rendered++
		return []byte("# Remplacé\n\nNon.\n"), nil
	}))
	docs, _, err := Load(u)
	if err != nil {
		t.Fatal(err)
	}
	text := render(docs)
	if strings.Contains(text, "Pirate") || strings.Contains(text, "Remplacé") || !strings.Contains(text, "Le texte du dossier") {
		t.Errorf("a mount shadowed base:\n%s", text)
	}
	if rendered != 0 {
		t.Errorf("the hidden generated file was rendered %d times", rendered)
	}
}

func TestUnionGeneratedFile(t *testing.T) {
	base := fstest.MapFS{"a.md": {Data: []byte("# A\n\nTexte.\n")}}
	var content []byte
	var fail error
	u := Union(base, Generated("gen.md", func() ([]byte, error) { return content, fail }))

	// No content: no file.
	if _, err := fs.Stat(u, "gen.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat without content = %v, want not found", err)
	}
	if entries, _ := fs.ReadDir(u, "."); len(entries) != 1 {
		t.Errorf("root lists %d entries, want only a.md", len(entries))
	}
	// Content made at each read: always current.
	content = []byte("# Gen\n\nPremière.\n")
	docs, _, _ := Load(u)
	content = []byte("# Gen\n\nSeconde.\n")
	again, _, _ := Load(u)
	if !strings.Contains(render(docs), "Première") || !strings.Contains(render(again), "Seconde") {
		t.Errorf("generated file not read anew:\n%s\n%s", render(docs), render(again))
	}
	if _, err := fs.Stat(u, "gen.md/x"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a path below a file = %v, want not found", err)
	}
	// A failure is listed and reported, not silently left out.
	fail = errors.New("database locked")
	_, skipped, err := Load(u)
	if err != nil || len(skipped) != 1 || skipped[0].Name != "gen.md" || !errors.Is(skipped[0].Err, ErrUnreadable) {
		t.Errorf("Load with a failing generator: skipped %+v, %v; want gen.md unreadable", skipped, err)
	}
}

// TestUnionOnDisk: a folder on disk with a pipe, as base, and a missing
// mounted folder: Stat does not block on the pipe, and the missing
// folder is simply absent.
func TestUnionOnDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("vrai.txt", "Titre\nUn paragraphe de vraie connaissance.\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "tube.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	base, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	docsDir := filepath.Join(t.TempDir(), "documents")
	if err := os.Mkdir(docsDir, 0o700); err != nil {
		t.Fatal(err)
	}
	added, err := Dir(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(docsDir, "ajout.md"), []byte("# Ajout\n\nUn document ajouté.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	docs, skipped, err := Load(Union(base, Folder("ajouts", added)))
	if err != nil {
		t.Fatal(err)
	}
	if got := names(docs); !slices.Equal(got, []string{"ajouts/ajout.md", "vrai.txt"}) {
		t.Errorf("loaded %v", got)
	}
	if len(skipped) != 1 || skipped[0].Name != "tube.txt" || !errors.Is(skipped[0].Err, ErrNotRegular) {
		t.Errorf("skipped %+v, want the pipe", skipped)
	}
	if err := os.RemoveAll(docsDir); err != nil {
		t.Fatal(err)
	}
	docs, _, err = Load(Union(base, Folder("ajouts", added)))
	if err != nil || !slices.Equal(names(docs), []string{"vrai.txt"}) {
		t.Errorf("with the mounted folder gone: %v, %v", names(docs), err)
	}
}
