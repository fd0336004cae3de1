package store

import (
	"context"
	"database/sql"
	"slices"
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
	// Example is the phrasing of Key recorded last, and ExampleID its
	// question.
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
// Over 100,000 questions it takes about 0.1-0.15 s (BenchmarkGaps), well
// within the 3 s Discord gives an interaction's first reply.
func (db *DB) Gaps(ctx context.Context, since time.Time) ([]Gap, error) {
	var gaps []Gap
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		keys, err := gapKeys(ctx, tx, since)
		if err != nil {
			return err
		}
		answers, err := answerKeys(ctx, tx)
		if err != nil {
			return err
		}
		gaps = makeGaps(groupKeys(keys), answers)
		return db.examples(ctx, tx, gaps)
	})
	if err != nil {
		return nil, wrap("list gaps", err)
	}
	slices.SortStableFunc(gaps, func(a, b Gap) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return b.Last.Compare(a.Last)
	})
	return gaps, nil
}

// makeGaps sums up each group of keys, leaving out those answered since
// they were last asked.
func makeGaps(g *grouping, answers []keyStat) []Gap {
	answered := make([]int64, len(g.groups)) // latest answer of each group
	for _, a := range answers {
		for _, i := range g.matching(a.key) {
			answered[i] = max(answered[i], a.last)
		}
	}
	gaps := make([]Gap, 0, len(g.groups))
	for i, keys := range g.groups {
		gap := Gap{Key: keys[0].key, ExampleID: keys[0].exampleID}
		var last int64
		for _, k := range keys {
			gap.Keys = append(gap.Keys, k.key)
			gap.Count += k.count
			last = max(last, k.last)
		}
		gap.Last = fromMS(last)
		if a := answered[i]; a > 0 {
			if a >= last {
				continue // answered since it was last asked
			}
			gap.Answered, gap.AnsweredAt = true, fromMS(a)
		}
		gaps = append(gaps, gap)
	}
	return gaps
}

// gapKeys returns, for each grouping key of the questions in gaps since
// the given time, its count, last time and latest question. A hash
// aggregate: the texts are read afterwards, for the groups' leaders only.
func gapKeys(ctx context.Context, tx *sql.Tx, since time.Time) ([]keyStat, error) {
	rows, err := tx.QueryContext(ctx, `SELECT group_key, COUNT(*), MAX(asked_at), MAX(id) FROM questions
		WHERE asked_at >= $1
			AND (refused OR id IN (SELECT question_id FROM votes WHERE value < 0 AND voted_at >= $1))
		GROUP BY group_key`, since.UnixMilli())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []keyStat
	for rows.Next() {
		var k keyStat
		if err := rows.Scan(&k.key, &k.count, &k.last, &k.exampleID); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// examples reads the text of each gap's example question.
func (db *DB) examples(ctx context.Context, tx *sql.Tx, gaps []Gap) error {
	at := make(map[int64]*Gap, len(gaps))
	for i := range gaps {
		at[gaps[i].ExampleID] = &gaps[i]
	}
	for chunk := range slices.Chunk(gaps, 500) {
		ids := make([]int64, len(chunk))
		for i, g := range chunk {
			ids[i] = g.ExampleID
		}
		in, args := db.inList(ids)
		rows, err := tx.QueryContext(ctx, `SELECT id, text FROM questions WHERE id IN (`+in+`)`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var text string
			if err := rows.Scan(&id, &text); err != nil {
				rows.Close()
				return err
			}
			at[id].Example = text
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
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
