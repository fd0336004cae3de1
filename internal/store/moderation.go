package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Moderator is who did a moderator action.
type Moderator struct {
	Name string   // display name at the time, for people reading the log
	User UserHash // DB.HashUser of their user ID
}

func (m Moderator) check() error {
	return errors.Join(checkText("moderator name", m.Name, MaxNameChars, true), checkUser("moderator", m.User))
}

// ActionKind says what a moderator did.
type ActionKind string

// The kinds of moderator action.
const (
	ActionDocumentAdded    ActionKind = "document-added"
	ActionDocumentReplaced ActionKind = "document-replaced"
	ActionDocumentRemoved  ActionKind = "document-removed"
	ActionGapAnswered      ActionKind = "gap-answered"
	ActionReload           ActionKind = "reload"
)

// Action is one entry of the moderation log.
type Action struct {
	ID     int64
	At     time.Time // zero means now
	By     Moderator
	Kind   ActionKind
	Target string // the document's name, the gap's heading; empty for a reload
}

// RecordAction logs a moderator action and returns its ID. AddDocument,
// RemoveDocument and AnswerGap log theirs themselves; the caller logs
// reloads.
func (db *DB) RecordAction(ctx context.Context, a Action) (int64, error) {
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = db.recordAction(ctx, tx, a)
		return err
	})
	if err != nil {
		return 0, wrap("record moderator action", err)
	}
	return id, nil
}

func (db *DB) recordAction(ctx context.Context, tx *sql.Tx, a Action) (int64, error) {
	switch a.Kind {
	case ActionDocumentAdded, ActionDocumentReplaced, ActionDocumentRemoved, ActionGapAnswered, ActionReload:
	default:
		return 0, invalid("action", fmt.Sprintf("%q is not a known kind", a.Kind))
	}
	if err := errors.Join(a.By.check(), checkText("action target", a.Target, MaxQuestionChars, false)); err != nil {
		return 0, firstInvalid(err)
	}
	at := a.At.UnixMilli()
	if a.At.IsZero() {
		at = db.nowMS()
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO moderator_actions (acted_at, moderator_name, moderator_hash, kind, target)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, at, a.By.Name, a.By.User.hex, string(a.Kind), a.Target).Scan(&id)
	return id, err
}

// Actions returns the moderator actions since the given time, oldest
// first.
func (db *DB) Actions(ctx context.Context, since time.Time) ([]Action, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, acted_at, moderator_name, moderator_hash, kind, target
		FROM moderator_actions WHERE acted_at >= $1 ORDER BY acted_at, id`, since.UnixMilli())
	if err != nil {
		return nil, wrap("list moderator actions", err)
	}
	defer rows.Close()
	var as []Action
	for rows.Next() {
		var a Action
		var at int64
		var kind string
		if err := rows.Scan(&a.ID, &at, &a.By.Name, &a.By.User.hex, &kind, &a.Target); err != nil {
			return nil, wrap("list moderator actions", err)
		}
		a.At, a.Kind = fromMS(at), ActionKind(kind)
		as = append(as, a)
	}
	return as, wrap("list moderator actions", rows.Err())
}
