package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Document describes a document a moderator added from Discord. Its
// content is the file of the same name in the documents folder
// (DocumentsDir).
type Document struct {
	Name     string
	Size     int64
	SHA256   string    // hex
	AddedBy  Moderator // who added the current version
	AddedAt  time.Time // when the current version was added
	Replaced int       // how many times a new version replaced an older one
}

// AddDocument writes content to dir/name and records it, with a
// "document-added" action, or "document-replaced" (Replaced + 1) when the
// name is already recorded. The file and its record change together: the
// new file is written and synced before the transaction, renamed in place
// inside it, and put back as it was if the commit fails. Two moderators
// adding the same name at once take turns; the last to commit wins.
func (db *DB) AddDocument(ctx context.Context, dir, name string, content []byte, by Moderator) (Document, error) {
	if err := errors.Join(CheckDocumentName(name), by.check()); err != nil {
		return Document{}, fmt.Errorf("add document: %w", firstInvalid(err))
	}
	sum := sha256.Sum256(content)
	d := Document{Name: name, Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]),
		AddedBy: by, AddedAt: fromMS(db.nowMS())}
	tmp, err := writeTemp(dir, content)
	if err != nil {
		return Document{}, wrap("add document "+name, err)
	}
	defer os.Remove(tmp) // a no-op once renamed
	err = db.fileTx(ctx, dir, name, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT replaced + 1 FROM documents WHERE name = $1`, name).Scan(&d.Replaced)
		kind := ActionDocumentReplaced
		if errors.Is(err, sql.ErrNoRows) {
			kind, err = ActionDocumentAdded, nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents (name, size, sha256, added_by_name, added_by_hash, added_at, replaced)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (name) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256,
				added_by_name = excluded.added_by_name, added_by_hash = excluded.added_by_hash,
				added_at = excluded.added_at, replaced = excluded.replaced`,
			name, d.Size, d.SHA256, by.Name, by.User.hex, d.AddedAt.UnixMilli(), d.Replaced); err != nil {
			return err
		}
		if _, err := db.recordAction(ctx, tx, Action{At: d.AddedAt, By: by, Kind: kind, Target: name}); err != nil {
			return err
		}
		return os.Rename(tmp, filepath.Join(dir, name))
	})
	if err != nil {
		return Document{}, wrap("add document "+name, err)
	}
	return d, nil
}

// RemoveDocument deletes the record of an added document and its file in
// dir, with a "document-removed" action. A name never added (a document
// of the knowledge folder, say) gives ErrNotFound.
func (db *DB) RemoveDocument(ctx context.Context, dir, name string, by Moderator) error {
	if err := errors.Join(CheckDocumentName(name), by.check()); err != nil {
		return fmt.Errorf("remove document: %w", firstInvalid(err))
	}
	err := db.fileTx(ctx, dir, name, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE name = $1`, name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(fmt.Errorf("document %q: %w", name, ErrNotFound), err)
		}
		_, err = db.recordAction(ctx, tx, Action{By: by, Kind: ActionDocumentRemoved, Target: name})
		return err
	})
	return wrap("remove document "+name, err)
}

// fileTx runs fn in a transaction that also changes dir/name. Document
// changes take turns (SQLite's write lock, a PostgreSQL advisory lock).
// The current file, if any, is then moved aside to a hidden name, so that
// fn may rename a new one in place or leave none; it is put back if fn or
// the commit fails, and removed once the commit succeeds. The folder is
// synced after each change.
func (db *DB) fileTx(ctx context.Context, dir, name string, fn func(*sql.Tx) error) (err error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if db.pg != nil {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))`, documentsLock); err != nil {
			return err
		}
	}
	path := filepath.Join(dir, name)
	aside := ""
	if _, err := os.Lstat(path); err == nil {
		f, err := os.CreateTemp(dir, ".old-*")
		if err != nil {
			return err
		}
		f.Close()
		if err := os.Rename(path, f.Name()); err != nil {
			os.Remove(f.Name())
			return err
		}
		aside = f.Name()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	defer func() {
		if err != nil {
			if aside != "" {
				err = errors.Join(err, os.Rename(aside, path))
			} else {
				os.Remove(path) // the new file fn put there, if any
			}
		} else if aside != "" {
			os.Remove(aside)
		}
		syncDir(dir)
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	return tx.Commit()
}

// Documents returns the added documents, by name.
func (db *DB) Documents(ctx context.Context) ([]Document, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT name, size, sha256, added_by_name, added_by_hash, added_at, replaced
		FROM documents ORDER BY name`)
	if err != nil {
		return nil, wrap("list documents", err)
	}
	defer rows.Close()
	var ds []Document
	for rows.Next() {
		var d Document
		var at int64
		if err := rows.Scan(&d.Name, &d.Size, &d.SHA256, &d.AddedBy.Name, &d.AddedBy.User.hex, &at, &d.Replaced); err != nil {
			return nil, wrap("list documents", err)
		}
		d.AddedAt = fromMS(at)
		ds = append(ds, d)
	}
	return ds, wrap("list documents", rows.Err())
}
