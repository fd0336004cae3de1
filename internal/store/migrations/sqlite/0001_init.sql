-- Times are Unix milliseconds (UTC); durations microseconds. Booleans are
-- 0 or 1. The tables and their columns are the same as PostgreSQL's.

-- settings holds the key that hashes user IDs, generated at first start.
CREATE TABLE settings (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- AUTOINCREMENT: an ID a vote button carries is never given to another
-- question, even after the latest questions were purged or forgotten; a
-- Recorder reserves IDs by moving sqlite_sequence on.
CREATE TABLE questions (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	asked_at    INTEGER NOT NULL,
	guild_id    TEXT    NOT NULL,
	channel_id  TEXT    NOT NULL,
	user_hash   TEXT    NOT NULL,
	text        TEXT    NOT NULL,
	theme       TEXT    NOT NULL,
	refused     INTEGER NOT NULL CHECK (refused IN (0, 1)),
	mode        TEXT    NOT NULL CHECK (mode IN ('offline', 'api')),
	entry       TEXT    NOT NULL CHECK (entry IN ('slash', 'mention', 'dm', 'http', 'message-command')),
	duration_us INTEGER NOT NULL CHECK (duration_us >= 0),
	group_key   TEXT    NOT NULL
);
CREATE INDEX questions_asked_at ON questions (asked_at);
CREATE INDEX questions_user_hash ON questions (user_hash);

CREATE TABLE question_sources (
	question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	document    TEXT    NOT NULL,
	section     TEXT    NOT NULL,
	PRIMARY KEY (question_id, position)
) WITHOUT ROWID;

CREATE TABLE votes (
	question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
	user_hash   TEXT    NOT NULL,
	value       INTEGER NOT NULL CHECK (value IN (-1, 1)),
	comment     TEXT    NOT NULL,
	voted_at    INTEGER NOT NULL,
	PRIMARY KEY (question_id, user_hash)
) WITHOUT ROWID;
CREATE INDEX votes_user_hash ON votes (user_hash);
CREATE INDEX votes_voted_at ON votes (voted_at);

CREATE TABLE moderator_actions (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	acted_at       INTEGER NOT NULL,
	moderator_name TEXT    NOT NULL,
	moderator_hash TEXT    NOT NULL,
	kind           TEXT    NOT NULL CHECK (kind IN ('document-added', 'document-replaced', 'document-removed', 'gap-answered', 'reload')),
	target         TEXT    NOT NULL
);
CREATE INDEX moderator_actions_acted_at ON moderator_actions (acted_at);

-- documents describes the files of DATA_DIR/documents; added_by and
-- added_at are those of the current version.
CREATE TABLE documents (
	name          TEXT    PRIMARY KEY,
	size          INTEGER NOT NULL,
	sha256        TEXT    NOT NULL,
	added_by_name TEXT    NOT NULL,
	added_by_hash TEXT    NOT NULL,
	added_at      INTEGER NOT NULL,
	replaced      INTEGER NOT NULL DEFAULT 0
);

-- gap_answers: one moderator answer per gap, keyed by the gap's grouping key.
CREATE TABLE gap_answers (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	gap_key        TEXT    NOT NULL UNIQUE,
	heading        TEXT    NOT NULL,
	body           TEXT    NOT NULL,
	moderator_name TEXT    NOT NULL,
	moderator_hash TEXT    NOT NULL,
	answered_at    INTEGER NOT NULL
);
