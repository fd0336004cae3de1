package bot

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

// TestDatabaseLocked: while another writer holds the database, adding a
// document or answering a gap is refused with a clear message and
// leaves nothing behind; once it lets go, the same addition works.
func TestDatabaseLocked(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{storeOpts: []store.Option{store.WithBusyTimeout(200 * time.Millisecond)}})
	mod := moderator("10")
	c.answer("30", "Quelle est la capitale de l’Australie ?")
	form := c.modal(c.clickAs(mod, buttonID(t, c.reply(c.push(c.slash(cmdGaps, mod))), actionAnswerGap)))
	before := docNames(c.engine)

	other, err := sql.Open("sqlite", store.SQLitePath(c.dataDir)+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	lock, err := other.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lock.Exec(`UPDATE settings SET value = value WHERE name = 'none'`); err != nil {
		t.Fatal(err)
	}
	busy := "La base de données est occupée par une autre modification. Réessayez dans un instant : rien n’a changé."
	mustContain(t, "adding while the database is locked", c.privateReply(c.attach(mod, "guide-visas.md", visas)),
		"Je n’ai pas pu enregistrer « guide-visas.md ». "+busy)
	got := c.privateReply(c.submit(mod, str(form, "custom_id"), map[string]string{headingInput: "Capitale ?", answerInput: "Canberra."}))
	if got != busy {
		t.Errorf("answering a gap while the database is locked: %q", got)
	}
	if files := storedFiles(t, c.dataDir); len(files) != 0 {
		t.Errorf("a refused addition left %v", files)
	}
	if after := docNames(c.engine); !slices.Equal(after, before) {
		t.Errorf("the knowledge changed: %v", after)
	}
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "adding once the lock is gone", c.privateReply(c.attach(mod, "guide-visas.md", visas)), "Document « guide-visas.md » ajouté")
	mustContain(t, "answering once the lock is gone", c.privateReply(c.submit(mod, str(form, "custom_id"),
		map[string]string{headingInput: "Capitale ?", answerInput: "Canberra."})), "Réponse enregistrée")
}

// fullStore fails the changes of the knowledge as a full disk or
// database does, through the real store otherwise.
type fullStore struct {
	Store
	err error
}

func (s fullStore) AddDocument(context.Context, string, string, []byte, store.Moderator) (store.Document, error) {
	return store.Document{}, s.err
}

func (s fullStore) AnswerGap(context.Context, store.GapAnswer) (store.GapAnswer, error) {
	return store.GapAnswer{}, s.err
}

// TestFullDiskOrDatabase: a full disk while the document is written, or
// a full database, is told plainly; the knowledge stays as it was.
func TestFullDiskOrDatabase(t *testing.T) {
	t.Parallel()
	for name, err := range map[string]error{
		"disk full while writing": fmt.Errorf("add document guide-visas.md: %w: %w", store.ErrFull,
			&fs.PathError{Op: "write", Path: ".tmp-123", Err: syscall.ENOSPC}),
		"database full": fmt.Errorf("add document guide-visas.md: %w: database or disk is full (13)", store.ErrFull),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := startCurated(t, "", curatedOptions{store: func(db *store.DB) Store { return fullStore{Store: db, err: err} }})
			mod := moderator("10")
			before := docNames(c.engine)
			full := "Il n’y a plus de place pour enregistrer (disque ou base de données plein) : rien n’a changé."
			mustContain(t, "adding a document", c.privateReply(c.attach(mod, "guide-visas.md", visas)), full)
			c.answer("30", "Quelle est la capitale de l’Australie ?")
			form := c.modal(c.clickAs(mod, buttonID(t, c.reply(c.push(c.slash(cmdGaps, mod))), actionAnswerGap)))
			mustContain(t, "answering a gap", c.privateReply(c.submit(mod, str(form, "custom_id"),
				map[string]string{headingInput: "Capitale ?", answerInput: "Canberra."})), full)
			if after := docNames(c.engine); !slices.Equal(after, before) {
				t.Errorf("the knowledge changed: %v", after)
			}
			if strings.Contains(c.logs.String(), "knowledge reloaded") {
				t.Errorf("a failed change reloaded the knowledge")
			}
		})
	}
}

// TestModeratorsChangingAtOnce: two documents added at once, a third
// version of one of them, and a /recharger at the same time all go
// through, each with its summary, and every document ends up loaded.
func TestModeratorsChangingAtOnce(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	first := c.attach(moderator("10"), "guide-visas.md", visas)
	second := c.attach(moderator("11"), "passeports.md", "# Passeports\n\nLe service des passeports vérifie les documents de voyage volés.\n")
	third := c.attach(moderator("12"), "guide-visas.md", strings.Replace(visas, "trois", "quatre", 1))
	reload := c.push(c.slash(cmdReload, moderator("13")))
	mustContain(t, "the first addition", c.privateReply(first), "« guide-visas.md »", "Documents rechargés")
	mustContain(t, "the second addition", c.privateReply(second), "Document « passeports.md » ajouté", "Documents rechargés")
	mustContain(t, "the third addition", c.privateReply(third), "« guide-visas.md »", "Documents rechargés")
	// A /recharger meeting a change's reload is told one is running, as
	// with any two reloads; a change never is.
	if got := c.privateReply(reload); !strings.Contains(got, "Documents rechargés") && !strings.Contains(got, "déjà en cours") {
		t.Errorf("the reload said %q", got)
	}

	c.privateReply(c.push(c.slash(cmdReload, moderator("13")))) // nothing may be left unloaded
	names := docNames(c.engine)
	if !slices.Contains(names, "ajouts/guide-visas.md") || !slices.Contains(names, "ajouts/passeports.md") {
		t.Errorf("loaded %v, want both added documents", names)
	}
	docs, err := c.db.Documents(context.Background())
	if err != nil || len(docs) != 2 || docs[0].Replaced != 1 {
		t.Errorf("recorded %+v, %v: want two documents, one in its second version", docs, err)
	}
	content, err := os.ReadFile(filepath.Join(store.DocumentsDir(c.dataDir), "guide-visas.md"))
	if err != nil || (string(content) != visas && string(content) != strings.Replace(visas, "trois", "quatre", 1)) {
		t.Errorf("guide-visas.md holds %q (%v), want one whole version", content, err)
	}
	if files := storedFiles(t, c.dataDir); !slices.Equal(files, []string{"guide-visas.md", "passeports.md"}) {
		t.Errorf("documents folder holds %v", files)
	}
}
