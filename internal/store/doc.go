// Package store keeps what the bot learns from its members and
// moderators: the questions asked and how they were answered, members'
// votes on answers, the moderation log, the documents moderators added
// and their answers to the questions the knowledge did not cover. From
// these it lists the gaps of the knowledge (Gaps) and the figures of use
// (Stats), forgets a member on request (Forget) and purges what is older
// than the retention period (Purge, RunRetention).
//
// # Engines
//
// Open takes a SQLite file path (modernc.org/sqlite, no cgo; WAL, a busy
// timeout, foreign keys) for one process, or a postgres:// URL
// (github.com/jackc/pgx/v5) for several processes sharing a database. Both
// run the same queries; the schema of each is in migrations/, applied in a
// transaction and recorded in schema_migrations, by whichever process
// starts first. IDs come from the database; nothing assumes one process.
// With PostgreSQL, Notify and Listen tell the other processes to reload
// the knowledge (LISTEN/NOTIFY on a channel named after the schema); with
// SQLite they do nothing.
//
// # Recording questions
//
// RecordQuestion writes a question and returns its ID in one transaction:
// about 0.3 ms with SQLite, but a commit waits for the disk, 1 to 3 ms
// with PostgreSQL on this project's machine, more over a network. In the
// answer path, use a Recorder: it hands out IDs reserved from the database
// beforehand, so Record returns in about a microsecond, and writes in the
// background; when it is saturated it drops new questions rather than
// delay answers (see Recorder).
//
// # What is kept, and for how long
//
// Questions (with their sources) and votes are kept until Purge removes
// them past the retention period, or Forget at the member's request. The
// moderation log, the added documents' records and the moderators'
// answers are the moderators' work, not members' data: they stay until a
// moderator removes the document (answers have no removal yet).
//
// # Members
//
// Members are stored as a UserHash, an HMAC-SHA256 of their Discord user
// ID under a key generated at first start and kept in the database, so
// that every process hashes alike and the raw ID is never stored.
//
// # Errors
//
// Errors wrap ErrNotFound, ErrInvalid (as an *InvalidError naming the
// field), ErrBusy, ErrFull, ErrUnavailable or ErrSchemaTooNew when they are
// one of those, for the caller to tell users in French. A failed write
// changes nothing: every write is one transaction, and AddDocument and
// RemoveDocument keep the file and its record together.
//
// The package logs nothing, except through the logger of WithLogger in its
// background loops (RunRetention, Listen, Recorder).
package store
