package store

import (
	"context"
	"database/sql"
	"slices"
	"time"
)

// Stats sums up the questions asked and the votes cast over a period.
type Stats struct {
	Asked, Answered, Refused int
	Up, Down                 int // votes cast in the period
	// Median and P95 are answer times by the nearest-rank method: the
	// ⌈n/2⌉-th and ⌈0.95·n⌉-th of the n questions by duration. Zero when
	// no question was asked.
	Median, P95 time.Duration
	// Themes are the most asked themes, most asked first (then by name),
	// at most MaxThemes; questions without a theme are not counted.
	Themes []ThemeCount
}

// ThemeCount is how many questions a theme had.
type ThemeCount struct {
	Theme string
	Count int
}

// MaxThemes is how many themes Stats returns at most.
const MaxThemes = 10

// Stats returns the figures of the questions asked and the votes cast
// since the given time, all read from one snapshot.
func (db *DB) Stats(ctx context.Context, since time.Time) (Stats, error) {
	var s Stats
	t := since.UnixMilli()
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(*) FILTER (WHERE refused)
			FROM questions WHERE asked_at >= $1`, t).Scan(&s.Asked, &s.Refused); err != nil {
			return err
		}
		s.Answered = s.Asked - s.Refused
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE value > 0), COUNT(*) FILTER (WHERE value < 0)
			FROM votes WHERE voted_at >= $1`, t).Scan(&s.Up, &s.Down); err != nil {
			return err
		}
		if s.Asked > 0 {
			var err error
			if s.Median, s.P95, err = db.percentiles(ctx, tx, t); err != nil {
				return err
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT theme, COUNT(*) AS n FROM questions
			WHERE asked_at >= $1 AND theme <> '' GROUP BY theme ORDER BY n DESC, theme LIMIT $2`, t, MaxThemes)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var tc ThemeCount
			if err := rows.Scan(&tc.Theme, &tc.Count); err != nil {
				return err
			}
			s.Themes = append(s.Themes, tc)
		}
		return rows.Err()
	})
	if err != nil {
		return Stats{}, wrap("compute statistics", err)
	}
	return s, nil
}

// percentiles returns the median and 95th percentile answer times of the
// questions asked since t, by nearest rank. PostgreSQL's percentile_disc
// is that; SQLite has none, and sorting the durations here is faster
// than making it sort them twice for two OFFSETs.
func (db *DB) percentiles(ctx context.Context, tx *sql.Tx, t int64) (p50, p95 time.Duration, err error) {
	if db.pg != nil {
		var a, b int64
		err := tx.QueryRowContext(ctx, `SELECT
			percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_us),
			percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_us)
			FROM questions WHERE asked_at >= $1`, t).Scan(&a, &b)
		return time.Duration(a) * time.Microsecond, time.Duration(b) * time.Microsecond, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT duration_us FROM questions WHERE asked_at >= $1`, t)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	var us []int64
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return 0, 0, err
		}
		us = append(us, d)
	}
	if err := rows.Err(); err != nil || len(us) == 0 {
		return 0, 0, err
	}
	slices.Sort(us)
	n := len(us)
	// The ⌈n/2⌉-th and ⌈95n/100⌉-th, counting from 1.
	return time.Duration(us[(n+1)/2-1]) * time.Microsecond, time.Duration(us[(95*n+99)/100-1]) * time.Microsecond, nil
}
