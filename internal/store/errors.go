package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors the caller can tell apart with errors.Is and turn into a message
// for users. Every error the store returns wraps the underlying driver or
// system error too, for the logs.
var (
	// ErrNotFound: the question, document or answer does not exist, or no
	// longer does (forgotten or purged).
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the input was refused before anything was written; the
	// error is an *InvalidError saying which field and why.
	ErrInvalid = errors.New("invalid input")
	// ErrBusy: the database stayed locked by another writer past the busy
	// timeout (SQLite), or a lock wait passed lock_timeout, a deadlock or
	// serialization failure was detected, or there are too many
	// connections (PostgreSQL). Trying again later may succeed.
	ErrBusy = errors.New("database busy")
	// ErrFull: the disk, the database or a quota is full.
	ErrFull = errors.New("database or disk full")
	// ErrUnavailable: the database server cannot be reached or is
	// shutting down (PostgreSQL), or the file cannot be opened (SQLite).
	ErrUnavailable = errors.New("database unavailable")
	// ErrSchemaTooNew: the database was migrated by a newer version of
	// the program, whose schema this one does not know.
	ErrSchemaTooNew = errors.New("database schema is newer than this program")
)

// InvalidError says which input was refused and why. It matches
// ErrInvalid with errors.Is.
type InvalidError struct {
	Field  string // e.g. "comment", "question text", "document name"
	Reason string // e.g. "is empty", "is longer than 1000 characters"
	Max    int    // the length limit when Reason is about length, else 0
}

func (e *InvalidError) Error() string { return "invalid " + e.Field + ": " + e.Reason }

// Is makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Is(target error) bool { return target == ErrInvalid }

func invalid(field, reason string) error { return &InvalidError{Field: field, Reason: reason} }

// wrap says what failed, classifying err into one of the errors above when
// it is one of them.
func wrap(action string, err error) error {
	if err == nil {
		return nil
	}
	if kind := classify(err); kind != nil && !errors.Is(err, kind) {
		return fmt.Errorf("%s: %w: %w", action, kind, err)
	}
	return fmt.Errorf("%s: %w", action, err)
}

// classify returns the sentinel err belongs to, or nil.
func classify(err error) error {
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		switch lite.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return ErrBusy
		case sqlite3.SQLITE_FULL:
			return ErrFull
		case sqlite3.SQLITE_CANTOPEN:
			return ErrUnavailable
		}
		return nil
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "53100": // disk_full
			return ErrFull
		case "55P03", "40001", "40P01", "53300": // lock_not_available, serialization, deadlock, too many connections
			return ErrBusy
		case "57P01", "57P02", "57P03": // shutdowns, cannot_connect_now
			return ErrUnavailable
		}
		return nil
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return ErrFull
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil
	}
	var connect *pgconn.ConnectError
	var netErr net.Error
	if errors.As(err, &connect) || errors.As(err, &netErr) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) {
		return ErrUnavailable
	}
	return nil
}

// isForeignKeyViolation reports whether err is a reference to a row that
// does not exist: a vote for a question deleted meanwhile.
func isForeignKeyViolation(err error) bool {
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		return lite.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23503"
}
