package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Mode says how an answer was written.
type Mode string

// The modes.
const (
	ModeOffline Mode = "offline" // extracted from the documents
	ModeAPI     Mode = "api"     // generated through an OpenAI-compatible API
)

// Entry says how a question reached the bot.
type Entry string

// The entries.
const (
	EntrySlash          Entry = "slash"
	EntryMention        Entry = "mention"
	EntryDM             Entry = "dm"
	EntryHTTP           Entry = "http"
	EntryMessageCommand Entry = "message-command"
)

// Source is a citation of an answer: a document and one of its sections.
type Source struct {
	Document string
	Section  string
}

// Question is a question asked and how it was answered.
type Question struct {
	ID        int64     // given by the database; set by RecordQuestion
	At        time.Time // when it was asked; zero means now
	GuildID   string    // empty in direct messages
	ChannelID string
	User      UserHash // who asked (DB.HashUser)
	Text      string
	Theme     string // the theme asked about or answered from; may be empty
	Refused   bool   // the knowledge did not cover it
	Sources   []Source
	Mode      Mode
	Entry     Entry
	Duration  time.Duration // time to answer
	// GroupKey groups the questions that ask the same thing: the caller
	// gives the question's analysed terms, sorted and joined by single
	// spaces (the store does not analyse French). See Gaps.
	GroupKey string
}

func (q Question) check() error {
	switch q.Mode {
	case ModeOffline, ModeAPI:
	default:
		return invalid("mode", fmt.Sprintf("%q is not offline or api", q.Mode))
	}
	switch q.Entry {
	case EntrySlash, EntryMention, EntryDM, EntryHTTP, EntryMessageCommand:
	default:
		return invalid("entry", fmt.Sprintf("%q is not slash, mention, dm, http or message-command", q.Entry))
	}
	if q.Duration < 0 {
		return invalid("duration", "is negative")
	}
	if len(q.Sources) > maxSources {
		return &InvalidError{Field: "sources", Reason: fmt.Sprintf("are more than %d", maxSources), Max: maxSources}
	}
	for _, s := range q.Sources {
		if err := checkText("source document", s.Document, MaxNameChars, true); err != nil {
			return err
		}
		if err := checkText("source section", s.Section, MaxNameChars, false); err != nil {
			return err
		}
	}
	return errors.Join(
		checkUser("user", q.User),
		checkText("question text", q.Text, MaxQuestionChars, true),
		checkText("guild ID", q.GuildID, maxIDChars, false),
		checkText("channel ID", q.ChannelID, maxIDChars, false),
		checkText("theme", q.Theme, MaxNameChars, false),
		checkText("grouping key", q.GroupKey, maxKeyChars, false),
	)
}

// RecordQuestion stores q with its sources and returns its ID, which the
// answer's vote buttons carry.
func (db *DB) RecordQuestion(ctx context.Context, q Question) (int64, error) {
	if err := q.check(); err != nil {
		return 0, fmt.Errorf("record question: %w", firstInvalid(err))
	}
	at := q.At.UnixMilli()
	if q.At.IsZero() {
		at = db.nowMS()
	}
	var id int64
	err := db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO questions
			(asked_at, guild_id, channel_id, user_hash, text, theme, refused, mode, entry, duration_us, group_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			at, q.GuildID, q.ChannelID, q.User.hex, q.Text, q.Theme, q.Refused, string(q.Mode), string(q.Entry),
			q.Duration.Microseconds(), q.GroupKey).Scan(&id)
		if err != nil {
			return err
		}
		q.ID = id
		return db.insertSources(ctx, tx, []Question{q})
	})
	if err != nil {
		return 0, wrap("record question", err)
	}
	return id, nil
}

// insertQuestions inserts questions whose ID and time are set, with their
// sources, by multi-row INSERTs.
func (db *DB) insertQuestions(ctx context.Context, tx *sql.Tx, qs []Question) error {
	for chunk := range slices.Chunk(qs, 100) {
		var b strings.Builder
		b.WriteString(`INSERT INTO questions
			(id, asked_at, guild_id, channel_id, user_hash, text, theme, refused, mode, entry, duration_us, group_key) VALUES `)
		p := db.params()
		args := make([]any, 0, 12*len(chunk))
		for i, q := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			p.row(&b, 12)
			args = append(args, q.ID, q.At.UnixMilli(), q.GuildID, q.ChannelID, q.User.hex, q.Text, q.Theme, q.Refused,
				string(q.Mode), string(q.Entry), q.Duration.Microseconds(), q.GroupKey)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return db.insertSources(ctx, tx, qs)
}

// insertSources inserts the sources of questions whose ID is set, 250
// rows per statement.
func (db *DB) insertSources(ctx context.Context, tx *sql.Tx, qs []Question) error {
	type row struct {
		id  int64
		pos int
		Source
	}
	var rows []row
	for _, q := range qs {
		for i, s := range q.Sources {
			rows = append(rows, row{q.ID, i, s})
		}
	}
	for chunk := range slices.Chunk(rows, 250) {
		var b strings.Builder
		b.WriteString(`INSERT INTO question_sources (question_id, position, document, section) VALUES `)
		p := db.params()
		args := make([]any, 0, 4*len(chunk))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			p.row(&b, 4)
			args = append(args, r.id, r.pos, r.Document, r.Section)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// Question returns the question with this ID, or ErrNotFound.
func (db *DB) Question(ctx context.Context, id int64) (Question, error) {
	var q Question
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var at, us int64
		var user, mode, entry string
		err := tx.QueryRowContext(ctx, `SELECT id, asked_at, guild_id, channel_id, user_hash, text, theme, refused,
			mode, entry, duration_us, group_key FROM questions WHERE id = $1`, id).
			Scan(&q.ID, &at, &q.GuildID, &q.ChannelID, &user, &q.Text, &q.Theme, &q.Refused, &mode, &entry, &us, &q.GroupKey)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("question %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		q.At, q.User, q.Mode, q.Entry, q.Duration = fromMS(at), UserHash{user}, Mode(mode), Entry(entry), time.Duration(us)*time.Microsecond
		rows, err := tx.QueryContext(ctx, `SELECT document, section FROM question_sources WHERE question_id = $1 ORDER BY position`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s Source
			if err := rows.Scan(&s.Document, &s.Section); err != nil {
				return err
			}
			q.Sources = append(q.Sources, s)
		}
		return rows.Err()
	})
	if err != nil {
		return Question{}, wrap("read question", err)
	}
	return q, nil
}

// firstInvalid returns the first *InvalidError of a joined error, so that
// callers get one field and one reason.
func firstInvalid(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()[0]
	}
	return err
}
