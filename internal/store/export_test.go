package store

import "database/sql"

// WithPragma adds a SQLite pragma to every connection, e.g.
// "max_page_count(64)" to make the database full.
func WithPragma(p string) Option { return func(o *options) { o.pragmas = append(o.pragmas, p) } }

// SQL returns the database handle, for tests to look at the tables.
func (db *DB) SQL() *sql.DB { return db.db }

// Classify exposes classify.
var Classify = classify
