package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// UserHash stands for a Discord member in the store: their user ID
// hashed with HMAC-SHA256 under a key kept in the database, so that the
// raw ID is never stored and every process sharing the database hashes
// alike. Only DB.HashUser makes one; the zero UserHash is no one.
type UserHash struct{ hex string }

// String returns the hash in hexadecimal, for logs.
func (h UserHash) String() string { return h.hex }

// IsZero reports whether h stands for no one.
func (h UserHash) IsZero() bool { return h.hex == "" }

// HashUser returns the hash that stands for the member with this Discord
// user ID; the empty ID gives the zero UserHash, which the store refuses.
func (db *DB) HashUser(userID string) UserHash {
	if userID == "" {
		return UserHash{}
	}
	m := hmac.New(sha256.New, db.key)
	m.Write([]byte(userID))
	return UserHash{hex.EncodeToString(m.Sum(nil))}
}

const userKeySetting = "user_hash_key"

// loadKey reads the key that hashes user IDs, generating it if the
// database has none yet. Two processes starting at once keep whichever
// key was inserted first.
func (db *DB) loadKey(ctx context.Context) error {
	var k [32]byte
	rand.Read(k[:])
	if _, err := db.db.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
		userKeySetting, hex.EncodeToString(k[:])); err != nil {
		return wrap("store the user hash key", err)
	}
	var v string
	if err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = $1`, userKeySetting).Scan(&v); err != nil {
		return wrap("read the user hash key", err)
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) != len(k) {
		return fmt.Errorf("read the user hash key: the stored key is malformed")
	}
	db.key = key
	return nil
}

func checkUser(field string, h UserHash) error {
	if h.IsZero() {
		return invalid(field, "is missing")
	}
	return nil
}
