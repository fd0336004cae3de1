package store

import (
	"context"
	"database/sql"
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
			if s.Median, err = durationAtRank(ctx, tx, t, (s.Asked+1)/2); err != nil {
				return err
			}
			if s.P95, err = durationAtRank(ctx, tx, t, (95*s.Asked+99)/100); err != nil {
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

// durationAtRank returns the rank-th shortest answer time (from 1) of the
// questions asked since t.
func durationAtRank(ctx context.Context, tx *sql.Tx, t int64, rank int) (time.Duration, error) {
	var us int64
	err := tx.QueryRowContext(ctx, `SELECT duration_us FROM questions WHERE asked_at >= $1
		ORDER BY duration_us LIMIT 1 OFFSET $2`, t, rank-1).Scan(&us)
	return time.Duration(us) * time.Microsecond, err
}
