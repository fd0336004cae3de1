package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"
)

// Gap is a group of questions the bot could not answer well: refused, or
// whose answer got a 👎.
type Gap struct {
	// Key is the group's most frequent grouping key: the one to give
	// AnswerGap.
	Key string
	// Keys are all the grouping keys merged into the group, Key first.
	Keys []string
	// Count is how many questions of the period the group holds.
	Count int
	// Last is when the latest of them was asked.
	Last time.Time
	// Example is the latest phrasing of Key, and ExampleID its question.
	Example   string
	ExampleID int64
	// Answered is true when a moderator answered the group, at
	// AnsweredAt, but it was asked again since.
	Answered   bool
	AnsweredAt time.Time
}

// Gaps returns the gaps of the questions asked since the given time, most
// frequent first (then the latest first). A question is in a gap if it was
// refused or if any member voted its answer down. Questions are grouped by
// grouping key, and groups whose keys are near merged (see groupKeys: the
// Jaccard index of the term sets is at least 3/4). A moderator's answer
// answers a group if its key is one of the group's keys or near the
// group's Key; a group answered after its last question is left out.
func (db *DB) Gaps(ctx context.Context, since time.Time) ([]Gap, error) {
	var keys []keyStat
	var answers []keyStat // key and last (answered_at) only
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var err error
		if keys, err = gapKeys(ctx, tx, since); err != nil {
			return err
		}
		answers, err = answerKeys(ctx, tx)
		return err
	})
	if err != nil {
		return nil, wrap("list gaps", err)
	}
	groups := groupKeys(keys)
	gaps := make([]Gap, 0, len(groups))
	for _, g := range groups {
		gap := Gap{Key: g[0].key, Example: g[0].example, ExampleID: g[0].exampleID}
		var last int64
		for _, k := range g {
			gap.Keys = append(gap.Keys, k.key)
			gap.Count += k.count
			last = max(last, k.last)
		}
		gap.Last = fromMS(last)
		var answered int64
		for _, a := range answers {
			if a.last > answered && (slices.Contains(gap.Keys, a.key) || nearKeys(a.key, gap.Key)) {
				answered = a.last
			}
		}
		if answered > 0 && answered >= last {
			continue // answered since it was last asked
		}
		if answered > 0 {
			gap.Answered, gap.AnsweredAt = true, fromMS(answered)
		}
		gaps = append(gaps, gap)
	}
	slices.SortStableFunc(gaps, func(a, b Gap) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return b.Last.Compare(a.Last)
	})
	return gaps, nil
}

// gapKeys returns, for each grouping key of the questions in gaps since
// the given time, its count, last time and latest phrasing, in one pass.
func gapKeys(ctx context.Context, tx *sql.Tx, since time.Time) ([]keyStat, error) {
	rows, err := tx.QueryContext(ctx, `SELECT group_key, n, last_at, id, text FROM (
		SELECT group_key, id, text,
			COUNT(*) OVER w AS n,
			MAX(asked_at) OVER w AS last_at,
			ROW_NUMBER() OVER (PARTITION BY group_key ORDER BY asked_at DESC, id DESC) AS rn
		FROM questions q
		WHERE asked_at >= $1
			AND (refused OR EXISTS (SELECT 1 FROM votes v WHERE v.question_id = q.id AND v.value < 0))
		WINDOW w AS (PARTITION BY group_key)
	) g WHERE rn = 1`, since.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []keyStat
	for rows.Next() {
		var k keyStat
		if err := rows.Scan(&k.key, &k.count, &k.last, &k.exampleID, &k.example); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

func answerKeys(ctx context.Context, tx *sql.Tx) ([]keyStat, error) {
	rows, err := tx.QueryContext(ctx, `SELECT gap_key, answered_at FROM gap_answers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []keyStat
	for rows.Next() {
		var a keyStat
		if err := rows.Scan(&a.key, &a.last); err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// nearKeys reports whether two grouping keys are near (see groupKeys).
func nearKeys(a, b string) bool {
	sa := slices.Compact(slices.Sorted(slices.Values(strings.Fields(a))))
	sb := slices.Compact(slices.Sorted(slices.Values(strings.Fields(b))))
	rank := map[string]int{}
	for _, t := range slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(sa), sb...)))) {
		rank[t] = len(rank)
	}
	return near(sa, sb, rank)
}
