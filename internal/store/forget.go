package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Removed counts what Forget or Purge deleted.
type Removed struct {
	Questions int // with their sources, and the votes others cast on them
	Votes     int // the member's own votes (Forget), or all votes (Purge)
}

// Forget deletes everything stored about a member: the questions they
// asked, with their sources and the votes on them, and their votes. It
// returns what was removed. The moderation log and the moderators'
// answers stay: they are the moderators' work, though an answer's heading
// may repeat a phrasing of the gap it answers, without saying whose.
func (db *DB) Forget(ctx context.Context, user UserHash) (Removed, error) {
	if err := checkUser("user", user); err != nil {
		return Removed{}, fmt.Errorf("forget member: %w", err)
	}
	var r Removed
	err := db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if r.Votes, err = exec(ctx, tx, `DELETE FROM votes WHERE user_hash = $1`, user.hex); err != nil {
			return err
		}
		r.Questions, err = exec(ctx, tx, `DELETE FROM questions WHERE user_hash = $1`, user.hex)
		return err
	})
	if err != nil {
		return Removed{}, wrap("forget member", err)
	}
	return r, nil
}

// purgeBatch is how many questions Purge deletes per transaction, so that
// a large purge holds the write lock for short turns.
const purgeBatch = 500

// Purge deletes the questions asked, and the votes cast, before the
// retention period that ends now, in batches of short transactions, and
// returns what was removed.
func (db *DB) Purge(ctx context.Context, retention time.Duration) (Removed, error) {
	if retention <= 0 {
		return Removed{}, fmt.Errorf("purge: %w", invalid("retention", "must be positive"))
	}
	cutoff := db.now().Add(-retention).UnixMilli()
	var r Removed
	for {
		var n int
		err := db.tx(ctx, func(tx *sql.Tx) error {
			ids, err := oldQuestions(ctx, tx, cutoff)
			if err != nil || len(ids) == 0 {
				return err
			}
			in, args := db.inList(ids)
			votes, err := exec(ctx, tx, `DELETE FROM votes WHERE question_id IN (`+in+`)`, args...)
			if err != nil {
				return err
			}
			if n, err = exec(ctx, tx, `DELETE FROM questions WHERE id IN (`+in+`)`, args...); err != nil {
				return err
			}
			r.Votes += votes
			return nil
		})
		if err != nil {
			return r, wrap("purge", err)
		}
		if n == 0 {
			break
		}
		r.Questions += n
	}
	// Votes older than the retention on younger questions: only if clocks
	// went backwards, but then they go too.
	err := db.tx(ctx, func(tx *sql.Tx) error {
		n, err := exec(ctx, tx, `DELETE FROM votes WHERE voted_at < $1`, cutoff)
		r.Votes += n
		return err
	})
	return r, wrap("purge", err)
}

func oldQuestions(ctx context.Context, tx *sql.Tx, cutoff int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM questions WHERE asked_at < $1 ORDER BY asked_at LIMIT $2`, cutoff, purgeBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// exec runs a statement and returns how many rows it changed.
func exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (int, error) {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
