-- Times are Unix milliseconds (UTC) and durations microseconds, as in
-- SQLite, so that both engines run the same queries.

-- settings holds the key that hashes user IDs, generated at first start.
CREATE TABLE settings (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE questions (
	id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	asked_at    BIGINT  NOT NULL,
	guild_id    TEXT    NOT NULL,
	channel_id  TEXT    NOT NULL,
	user_hash   TEXT    NOT NULL,
	text        TEXT    NOT NULL,
	theme       TEXT    NOT NULL,
	refused     BOOLEAN NOT NULL,
	mode        TEXT    NOT NULL CHECK (mode IN ('offline', 'api')),
	entry       TEXT    NOT NULL CHECK (entry IN ('slash', 'mention', 'dm', 'http', 'message-command')),
	duration_us BIGINT  NOT NULL CHECK (duration_us >= 0),
	group_key   TEXT    NOT NULL
);
CREATE INDEX questions_asked_at ON questions (asked_at);
CREATE INDEX questions_user_hash ON questions (user_hash);

CREATE TABLE question_sources (
	question_id BIGINT  NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	document    TEXT    NOT NULL,
	section     TEXT    NOT NULL,
	PRIMARY KEY (question_id, position)
);

CREATE TABLE votes (
	question_id BIGINT   NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
	user_hash   TEXT     NOT NULL,
	value       SMALLINT NOT NULL CHECK (value IN (-1, 1)),
	comment     TEXT     NOT NULL,
	voted_at    BIGINT   NOT NULL,
	PRIMARY KEY (question_id, user_hash)
);
CREATE INDEX votes_user_hash ON votes (user_hash);
CREATE INDEX votes_voted_at ON votes (voted_at);

CREATE TABLE moderator_actions (
	id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	acted_at       BIGINT NOT NULL,
	moderator_name TEXT   NOT NULL,
	moderator_hash TEXT   NOT NULL,
	kind           TEXT   NOT NULL CHECK (kind IN ('document-added', 'document-replaced', 'document-removed', 'gap-answered', 'reload')),
	target         TEXT   NOT NULL
);
CREATE INDEX moderator_actions_acted_at ON moderator_actions (acted_at);

-- documents describes the files of DATA_DIR/documents; added_by and
-- added_at are those of the current version.
CREATE TABLE documents (
	name          TEXT    PRIMARY KEY,
	size          BIGINT  NOT NULL,
	sha256        TEXT    NOT NULL,
	added_by_name TEXT    NOT NULL,
	added_by_hash TEXT    NOT NULL,
	added_at      BIGINT  NOT NULL,
	replaced      INTEGER NOT NULL DEFAULT 0
);

-- gap_answers: one moderator answer per gap, keyed by the gap's grouping key.
CREATE TABLE gap_answers (
	id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	gap_key        TEXT   NOT NULL UNIQUE,
	heading        TEXT   NOT NULL,
	body           TEXT   NOT NULL,
	moderator_name TEXT   NOT NULL,
	moderator_hash TEXT   NOT NULL,
	answered_at    BIGINT NOT NULL
);
