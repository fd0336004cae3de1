package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

func TestAddReplaceRemoveDocument(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		clk := newClock()
		db := e.open(t, store.WithClock(clk.Now))
		dir := store.DocumentsDir(t.TempDir())
		alice := store.Moderator{Name: "Alice", User: db.HashUser("1")}
		bob := store.Moderator{Name: "Bob", User: db.HashUser("2")}

		d, err := db.AddDocument(ctx, dir, "faq.md", []byte("# FAQ\n"), alice)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte("# FAQ v2\n"))
		clk.Advance(time.Hour)
		d2, err := db.AddDocument(ctx, dir, "faq.md", []byte("# FAQ v2\n"), bob)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Document{Name: "faq.md", Size: 9, SHA256: hex.EncodeToString(sum[:]), AddedBy: bob, AddedAt: clk.Now(), Replaced: 1}
		if d.Replaced != 0 || d2 != want {
			t.Errorf("added %+v then %+v, want Replaced 0 then %+v", d, d2, want)
		}
		if _, err := db.AddDocument(ctx, dir, "autre.txt", []byte("texte"), alice); err != nil {
			t.Fatal(err)
		}
		docs, err := db.Documents(ctx)
		if err != nil || len(docs) != 2 || docs[0].Name != "autre.txt" || docs[1] != want {
			t.Errorf("Documents = %+v, %v", docs, err)
		}
		if got := readFile(t, dir, "faq.md"); got != "# FAQ v2\n" {
			t.Errorf("faq.md holds %q", got)
		}

		if err := db.RemoveDocument(ctx, dir, "faq.md", alice); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveDocument(ctx, dir, "faq.md", alice); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("remove it again = %v, want ErrNotFound", err)
		}
		if got := files(t, dir); !slices.Equal(got, []string{"autre.txt"}) {
			t.Errorf("folder holds %v, want autre.txt alone", got)
		}
		var kinds []store.ActionKind
		actions, err := db.Actions(ctx, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range actions {
			kinds = append(kinds, a.Kind)
		}
		wantKinds := []store.ActionKind{store.ActionDocumentAdded, store.ActionDocumentReplaced,
			store.ActionDocumentAdded, store.ActionDocumentRemoved}
		if !slices.Equal(kinds, wantKinds) {
			t.Errorf("actions %v, want %v", kinds, wantKinds)
		}
	})
}

func TestAddDocumentFailureChangesNothing(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t, store.WithBusyTimeout(100*time.Millisecond))
		dir := t.TempDir()
		mod := store.Moderator{Name: "Alice", User: db.HashUser("1")}
		if _, err := db.AddDocument(ctx, dir, "faq.md", []byte("v1"), mod); err != nil {
			t.Fatal(err)
		}
		if e.name == "sqlite" {
			holdWriteLock(t, e)
		} else {
			holdTableLock(t, e, "documents")
		}
		if _, err := db.AddDocument(ctx, dir, "faq.md", []byte("v2"), mod); !errors.Is(err, store.ErrBusy) {
			t.Fatalf("replace while locked = %v, want ErrBusy", err)
		}
		if _, err := db.AddDocument(ctx, dir, "new.md", []byte("new"), mod); !errors.Is(err, store.ErrBusy) {
			t.Fatalf("add while locked = %v, want ErrBusy", err)
		}
		if err := db.RemoveDocument(ctx, dir, "faq.md", mod); !errors.Is(err, store.ErrBusy) {
			t.Fatalf("remove while locked = %v, want ErrBusy", err)
		}
		if got := files(t, dir); !slices.Equal(got, []string{"faq.md"}) {
			t.Errorf("folder holds %v, want faq.md alone", got)
		}
		if got := readFile(t, dir, "faq.md"); got != "v1" {
			t.Errorf("faq.md holds %q, want v1", got)
		}
	})
}

func TestAddDocumentUnwritableFolder(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		dir := filepath.Join(t.TempDir(), "documents")
		if err := os.WriteFile(dir, nil, 0o600); err != nil { // a file where the folder should be
			t.Fatal(err)
		}
		mod := store.Moderator{Name: "Alice", User: db.HashUser("1")}
		if _, err := db.AddDocument(ctx, dir, "faq.md", []byte("v1"), mod); err == nil {
			t.Fatal("AddDocument into a file succeeded")
		}
		if n := count(t, db, "documents") + count(t, db, "moderator_actions"); n != 0 {
			t.Errorf("%d rows written for a document that could not be", n)
		}
	})
}

func TestTwoModeratorsAddAtOnce(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		dir := t.TempDir()
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				mod := store.Moderator{Name: "Modo", User: db.HashUser("1")}
				_, errs[i] = db.AddDocument(ctx, dir, "faq.md", []byte{byte('a' + i)}, mod)
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		docs, err := db.Documents(ctx)
		if err != nil || len(docs) != 1 || docs[0].Replaced != n-1 {
			t.Fatalf("Documents = %+v, %v; want one replaced %d times", docs, err, n-1)
		}
		content := readFile(t, dir, "faq.md")
		sum := sha256.Sum256([]byte(content))
		if docs[0].SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("the file (%q) is not the version recorded last", content)
		}
		if got := files(t, dir); !slices.Equal(got, []string{"faq.md"}) {
			t.Errorf("folder holds %v", got)
		}
	})
}

func TestDocumentRefusesInvalid(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx := context.Background()
		db := e.open(t)
		dir := t.TempDir()
		mod := store.Moderator{Name: "Alice", User: db.HashUser("1")}
		if _, err := db.AddDocument(ctx, dir, "../evil.md", nil, mod); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("path in name = %v, want ErrInvalid", err)
		}
		if _, err := db.AddDocument(ctx, dir, "ok.md", nil, store.Moderator{Name: "Alice"}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("moderator without ID = %v, want ErrInvalid", err)
		}
		if got := files(t, dir); len(got) != 0 {
			t.Errorf("folder holds %v", got)
		}
	})
}
