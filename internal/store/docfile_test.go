package store_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestWriteDocumentFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "documents") // created on first write
	if err := store.WriteDocumentFile(dir, "faq.md", []byte("v1")); err != nil {
		t.Fatal(err)
	}
	if err := store.WriteDocumentFile(dir, "faq.md", []byte("v2")); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, dir, "faq.md"); got != "v2" {
		t.Errorf("faq.md = %q, want v2", got)
	}
	if got := files(t, dir); !slices.Equal(got, []string{"faq.md"}) {
		t.Errorf("folder holds %v: temporary files left", got)
	}
	if err := store.RemoveDocumentFile(dir, "faq.md"); err != nil {
		t.Fatal(err)
	}
	if err := store.RemoveDocumentFile(dir, "faq.md"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("remove a missing file = %v, want ErrNotFound", err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("folder holds %v after removal", got)
	}
}

func TestCheckDocumentName(t *testing.T) {
	for _, name := range []string{"faq.md", "Réponses des modérateurs.md", "rapport 2025 (v2).pdf"} {
		if err := store.CheckDocumentName(name); err != nil {
			t.Errorf("CheckDocumentName(%q) = %v", name, err)
		}
	}
	for _, name := range []string{"", ".", "..", "../x.md", "a/b.md", `a\b.md`, ".cache.md", "a\x00.md", "a\n.md",
		" x.md", "x.md ", "caf\xe9.md", strings.Repeat("a", 256)} {
		err := store.CheckDocumentName(name)
		var inv *store.InvalidError
		if !errors.As(err, &inv) || inv.Field != "document name" {
			t.Errorf("CheckDocumentName(%q) = %v, want an invalid document name", name, err)
		}
		if err := store.WriteDocumentFile(t.TempDir(), name, nil); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("WriteDocumentFile(%q) = %v, want ErrInvalid", name, err)
		}
	}
}
