package store

import (
	"context"
	"database/sql"
)

// reserveIDs takes n question IDs from the database's own counter, so
// that no other process or later RecordQuestion gets them: PostgreSQL's
// identity sequence, or SQLite's sqlite_sequence, which AUTOINCREMENT
// reads. IDs reserved and never used are lost, like those of a rolled
// back insert.
func (db *DB) reserveIDs(ctx context.Context, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if db.pg != nil {
		rows, err := db.db.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('questions', 'id'))
			FROM generate_series(1, $1)`, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	err := db.tx(ctx, func(tx *sql.Tx) error {
		// The row exists once a question was inserted; not before.
		if _, err := tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq)
			SELECT 'questions', COALESCE((SELECT MAX(id) FROM questions), 0)
			WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'questions')`); err != nil {
			return err
		}
		var last int64
		if err := tx.QueryRowContext(ctx, `UPDATE sqlite_sequence SET seq = seq + $1 WHERE name = 'questions' RETURNING seq`,
			n).Scan(&last); err != nil {
			return err
		}
		for id := last - int64(n) + 1; id <= last; id++ {
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}
