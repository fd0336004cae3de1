package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// Curation lets moderators curate the knowledge from Discord and the bot
// learn from what it could not answer: every question is recorded, every
// answer carries 👍 and 👎, and moderators get /document, /lacunes and
// /statistiques, members /oublier. Without it (WithCuration not given)
// the bot records nothing and offers none of these.
type Curation struct {
	Store    Store
	Recorder Recorder
	Library  Library
	// DocumentsDir is where added documents are stored
	// (store.DocumentsDir): the engine's knowledge must show it as
	// AddedFolder (see Knowledge).
	DocumentsDir string
	// ModerationChannelID is where new gaps and 👎 with a comment are
	// posted, pinging no one; "" for nowhere.
	ModerationChannelID string
	// Retention is how long questions are kept: the longest period
	// /lacunes and /statistiques offer. 90 days if zero.
	Retention time.Duration
	// Mode says how an answer was written; offline if nil.
	Mode func(rag.Answer) store.Mode
	// BuiltIn is true when the knowledge folder is the built-in
	// knowledge, for /document liste.
	BuiltIn bool
}

// Store is what curation needs of the database (*store.DB).
type Store interface {
	HashUser(userID string) store.UserHash
	AddDocument(ctx context.Context, dir, name string, content []byte, by store.Moderator) (store.Document, error)
	RemoveDocument(ctx context.Context, dir, name string, by store.Moderator) error
	Documents(ctx context.Context) ([]store.Document, error)
	Question(ctx context.Context, id int64) (store.Question, error)
	Gaps(ctx context.Context, since time.Time) ([]store.Gap, error)
	AnswerGap(ctx context.Context, a store.GapAnswer) (store.GapAnswer, error)
	Stats(ctx context.Context, since time.Time) (store.Stats, error)
	Forget(ctx context.Context, user store.UserHash) (store.Removed, error)
	RecordAction(ctx context.Context, a store.Action) (int64, error)
	// Notify tells the other processes sharing the database to reload
	// (PostgreSQL); a no-op with SQLite.
	Notify(ctx context.Context) error
}

// Recorder records questions without making answers wait
// (*store.Recorder).
type Recorder interface {
	Record(q store.Question) (int64, error)
	RecordVote(ctx context.Context, v store.Vote) (replaced bool, err error)
	Flush(ctx context.Context) error
}

// Library is what curation needs of the engine besides answering
// (*rag.Engine).
type Library interface {
	// Terms returns a question's analysed terms, which group its
	// phrasings in /lacunes.
	Terms(question string) []string
	// Documents lists the documents answered from, with their passages
	// and themes.
	Documents() []rag.DocumentStats
}

// WithCuration turns curation on. Store, Recorder and Library are
// required.
func WithCuration(c Curation) Option {
	return func(o *options) {
		if c.Store == nil || c.Recorder == nil || c.Library == nil || c.DocumentsDir == "" {
			o.curationErr = errors.New("curation needs a store, a recorder, the engine and the documents folder")
			return
		}
		if c.Retention <= 0 {
			c.Retention = 90 * 24 * time.Hour
		}
		if c.Mode == nil {
			c.Mode = func(rag.Answer) store.Mode { return store.ModeOffline }
		}
		o.curation = &c
	}
}

// curation is the bot's curation state.
type curation struct {
	Curation
	// changing makes changes of the knowledge (a document added or
	// removed, a gap answered) take turns, each with its own reload.
	changing sync.Mutex
	// gapKeys are the grouping keys of the known gaps: a refused question
	// whose key is not among them is a new gap, posted to the moderation
	// channel.
	gapKeys *lru[string, struct{}]
	// drafts hold what a Répondre modal answers, until it is submitted.
	drafts *lru[string, gapDraft]
	client *downloader
}

// What the bot keeps in memory for curation.
const (
	maxGapKeys = 100_000
	maxDrafts  = 1000
	draftTTL   = time.Hour
)

func newCuration(c *Curation, o options) *curation {
	if c == nil {
		return nil
	}
	return &curation{
		Curation: *c,
		gapKeys:  newLRU[string, struct{}](maxGapKeys, 0, o.now),
		drafts:   newLRU[string, gapDraft](maxDrafts, draftTTL, o.now),
		client:   newDownloader(o.apiURL, o.downloadTimeout),
	}
}

// since is the start of a period of days ending now, within retention.
func (c *curation) since(now time.Time, days int) time.Time {
	d := min(time.Duration(days)*24*time.Hour, c.Retention)
	return now.Add(-d)
}

// flush waits, briefly, for the questions queued to be written, so that
// what moderators read and what a member forgets includes them.
func (c *curation) flush(ctx context.Context) error {
	fctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return c.Recorder.Flush(fctx)
}
