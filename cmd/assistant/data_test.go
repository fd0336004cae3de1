package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeKeepsItsDataInDATA_DIR runs serve through run with no other
// setting than Discord's: DATA_DIR is created, the SQLite database and
// the documents folder are in it, and serve stops cleanly.
func TestServeKeepsItsDataInDATA_DIR(t *testing.T) {
	discord := newMiniDiscord(t)
	dataDir := filepath.Join(t.TempDir(), "donnees", "assistant")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var logs serveLogBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, env{
			"DISCORD_TOKEN": serveToken, "DISCORD_API_URL": discord.URL, "DISCORD_GUILD_ID": "300",
			"SHUTDOWN_TIMEOUT": "1s", "DATA_DIR": dataDir,
		}.get, strings.NewReader(""), &logs, &logs)
	}()
	select {
	case <-discord.registered:
	case err := <-done:
		t.Fatalf("serve returned before registering: %v\n%s", err, logs.String())
	case <-time.After(15 * time.Second):
		t.Fatal("commands never registered")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not return after its context was cancelled")
	}
	for _, name := range []string{"assistant.db", "documents"} {
		if _, err := os.Stat(filepath.Join(dataDir, name)); err != nil {
			t.Errorf("DATA_DIR lacks %s: %v", name, err)
		}
	}
	if out := logs.String(); !strings.Contains(out, "database open") || !strings.Contains(out, "engine=sqlite") {
		t.Errorf("the logs do not say which database is used:\n%s", out)
	}
}

// TestServeNamesAnUnusableDATA_DIR: a DATA_DIR that cannot be created
// or written stops serve with an error naming it, before Discord.
func TestServeNamesAnUnusableDATA_DIR(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "fichier")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, env{"DISCORD_TOKEN": serveToken, "DISCORD_API_URL": "http://127.0.0.1:1", "DATA_DIR": filepath.Join(file, "data")}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "DATA_DIR") || !strings.Contains(err.Error(), file) {
		t.Fatalf("serve = %v, want an error naming DATA_DIR and its path", err)
	}
}

// TestServeHidesTheDatabasePassword: a PostgreSQL database that cannot
// be reached stops serve with an error naming DATABASE_URL, never its
// password.
func TestServeHidesTheDatabasePassword(t *testing.T) {
	t.Parallel()
	_, _, err := runCLI(t, env{
		"DISCORD_TOKEN": serveToken, "DISCORD_API_URL": "http://127.0.0.1:1", "DATA_DIR": t.TempDir(),
		"DATABASE_URL": "postgres://assistant:mot-de-passe-secret@127.0.0.1:1/assistant?connect_timeout=2",
	}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL") {
		t.Fatalf("serve = %v, want an error naming DATABASE_URL", err)
	}
	if strings.Contains(err.Error(), "mot-de-passe-secret") {
		t.Errorf("the error shows the password: %v", err)
	}
}

// TestServeNamesAReadOnlyDATA_DIR: a DATA_DIR that exists but cannot be
// written stops serve with an error naming it. Root writes to any
// read-only folder, but not to /proc.
func TestServeNamesAReadOnlyDATA_DIR(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	if os.Geteuid() == 0 {
		if _, err := os.Stat("/proc/self"); err != nil {
			t.Skip("root writes anywhere, and there is no /proc")
		}
		dir = "/proc/self"
	}
	_, _, err := runCLI(t, env{"DISCORD_TOKEN": serveToken, "DISCORD_API_URL": "http://127.0.0.1:1", "DATA_DIR": dir}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "DATA_DIR") || !strings.Contains(err.Error(), "cannot be written") {
		t.Fatalf("serve = %v, want an error saying DATA_DIR cannot be written", err)
	}
}
