package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// GapAnswer is a moderator's answer to a gap, from which the caller
// renders one section of the « Réponses des modérateurs » document: the
// heading is the question, the text its answer.
type GapAnswer struct {
	ID      int64
	GapKey  string // the grouping key of the gap answered (Gap.Key)
	Heading string // the question, at most MaxQuestionChars characters
	Text    string // the answer, at most MaxAnswerChars characters
	By      Moderator
	At      time.Time // set by AnswerGap
}

// AnswerGap stores a moderator's answer to the gap a.GapKey, with a
// "gap-answered" action, replacing any earlier answer to the same key,
// and returns it with its ID and time.
func (db *DB) AnswerGap(ctx context.Context, a GapAnswer) (GapAnswer, error) {
	if err := errors.Join(
		checkText("gap key", a.GapKey, maxKeyChars, true),
		checkText("question", a.Heading, MaxQuestionChars, true),
		checkText("answer", a.Text, MaxAnswerChars, true),
		a.By.check(),
	); err != nil {
		return GapAnswer{}, fmt.Errorf("answer gap: %w", firstInvalid(err))
	}
	a.At = fromMS(db.nowMS())
	err := db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO gap_answers (gap_key, heading, body, moderator_name, moderator_hash, answered_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (gap_key) DO UPDATE SET heading = excluded.heading, body = excluded.body,
				moderator_name = excluded.moderator_name, moderator_hash = excluded.moderator_hash,
				answered_at = excluded.answered_at
			RETURNING id`, a.GapKey, a.Heading, a.Text, a.By.Name, a.By.User.hex, a.At.UnixMilli()).Scan(&a.ID)
		if err != nil {
			return err
		}
		_, err = db.recordAction(ctx, tx, Action{At: a.At, By: a.By, Kind: ActionGapAnswered, Target: a.Heading})
		return err
	})
	if err != nil {
		return GapAnswer{}, wrap("answer gap", err)
	}
	return a, nil
}

// GapAnswers returns the moderators' answers, oldest first, so that the
// rendered document keeps its order as answers are added.
func (db *DB) GapAnswers(ctx context.Context) ([]GapAnswer, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, gap_key, heading, body, moderator_name, moderator_hash, answered_at
		FROM gap_answers ORDER BY id`)
	if err != nil {
		return nil, wrap("list gap answers", err)
	}
	defer rows.Close()
	var as []GapAnswer
	for rows.Next() {
		var a GapAnswer
		var at int64
		if err := rows.Scan(&a.ID, &a.GapKey, &a.Heading, &a.Text, &a.By.Name, &a.By.User.hex, &at); err != nil {
			return nil, wrap("list gap answers", err)
		}
		a.At = fromMS(at)
		as = append(as, a)
	}
	return as, wrap("list gap answers", rows.Err())
}
