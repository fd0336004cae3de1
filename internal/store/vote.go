package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Vote is a member's opinion of an answer.
type Vote struct {
	QuestionID int64
	User       UserHash // who voted (DB.HashUser)
	Up         bool     // 👍 if true, 👎 if false
	Comment    string   // optional, at most MaxCommentChars characters
}

// RecordVote stores v, replacing the member's earlier vote on the same
// question if any, and reports whether it did, dated now. A
// question that does not exist, or no longer does, gives ErrNotFound.
func (db *DB) RecordVote(ctx context.Context, v Vote) (replaced bool, err error) {
	if err := errors.Join(checkUser("user", v.User), checkText("comment", v.Comment, MaxCommentChars, false)); err != nil {
		return false, fmt.Errorf("record vote: %w", firstInvalid(err))
	}
	value := -1
	if v.Up {
		value = 1
	}
	err = db.tx(ctx, func(tx *sql.Tx) error {
		var exists, voted bool
		if err := tx.QueryRowContext(ctx, `SELECT
			EXISTS (SELECT 1 FROM questions WHERE id = $1),
			EXISTS (SELECT 1 FROM votes WHERE question_id = $1 AND user_hash = $2)`,
			v.QuestionID, v.User.hex).Scan(&exists, &voted); err != nil {
			return err
		}
		if !exists {
			return fmt.Errorf("question %d: %w", v.QuestionID, ErrNotFound)
		}
		replaced = voted
		_, err := tx.ExecContext(ctx, `INSERT INTO votes (question_id, user_hash, value, comment, voted_at)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (question_id, user_hash) DO UPDATE
			SET value = excluded.value, comment = excluded.comment, voted_at = excluded.voted_at`,
			v.QuestionID, v.User.hex, value, v.Comment, db.nowMS())
		if isForeignKeyViolation(err) { // deleted since the check (PostgreSQL)
			return fmt.Errorf("question %d: %w: %w", v.QuestionID, ErrNotFound, err)
		}
		return err
	})
	if err != nil {
		return false, wrap("record vote", err)
	}
	return replaced, nil
}
