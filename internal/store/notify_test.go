package store_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

// listenerPID waits until a Listen of the engine's schema is listening,
// and returns its server process ID.
func listenerPID(t *testing.T, e engine) int {
	t.Helper()
	query := `LISTEN "` + e.schema + `.assistant_reload"`
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var pid int
		err := pgAdmin(t).QueryRow(`SELECT pid FROM pg_stat_activity WHERE query = $1 AND state = 'idle'`, query).Scan(&pid)
		if err == nil {
			return pid
		}
	}
	t.Fatal("Listen did not start listening within 10 s")
	return 0
}

func receive(t *testing.T, reloads chan struct{}, what string) {
	t.Helper()
	select {
	case <-reloads:
	case <-time.After(10 * time.Second):
		t.Fatalf("no reload within 10 s after %s", what)
	}
}

func TestNotifyListen(t *testing.T) {
	engines(t, func(t *testing.T, e engine) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		logs := make(signal, 100)
		a := e.open(t, store.WithLogger(slog.New(logs)))
		b := e.open(t)
		reloads := make(chan struct{}, 10)
		done := make(chan error, 1)
		go func() { done <- a.Listen(ctx, func() { reloads <- struct{}{} }) }()

		if e.name == "sqlite" { // one process: nothing to tell
			if err := b.Notify(ctx); err != nil {
				t.Errorf("Notify = %v", err)
			}
			if err := <-done; err != nil {
				t.Errorf("Listen = %v", err)
			}
			return
		}

		pid := listenerPID(t, e)
		// A process is not told of its own notifications: a's is ignored,
		// b's two arrive, and nothing else once the listener stopped.
		for _, db := range []*store.DB{a, b, b} {
			if err := db.Notify(ctx); err != nil {
				t.Fatal(err)
			}
		}
		receive(t, reloads, "b's first notification")
		receive(t, reloads, "b's second notification")

		// The listener's connection is killed: it reconnects, reloads
		// once for what it may have missed, and hears b again.
		if _, err := pgAdmin(t).Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
			t.Fatal(err)
		}
		receive(t, reloads, "reconnecting")
		listenerPID(t, e)
		if err := b.Notify(ctx); err != nil {
			t.Fatal(err)
		}
		receive(t, reloads, "b's notification after reconnecting")

		cancel()
		if err := <-done; err != nil {
			t.Errorf("Listen returned %v after cancel", err)
		}
		if n := len(reloads); n != 0 {
			t.Errorf("%d reloads too many: a heard its own notification", n)
		}
		warned := false
		for len(logs) > 0 {
			if <-logs == "listen for reloads: reconnecting" {
				warned = true
			}
		}
		if !warned {
			t.Error("the lost connection was not logged")
		}
	})
}
