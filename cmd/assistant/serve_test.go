package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag"
)

const serveToken = "MTAwMDAwMDAwMDAwMDAwMDA.abcdef.serve-test-secret"

// TestServeRefusesAMissingOrMalformedToken goes through run: the token is
// checked once, before the engine is built, not again by serve.
func TestServeRefusesAMissingOrMalformedToken(t *testing.T) {
	t.Parallel()
	for _, token := range []string{"", "not a token serve-test-secret"} {
		_, _, err := runCLI(t, env{"DISCORD_TOKEN": token}, "", "serve")
		if err == nil {
			t.Fatalf("token %q: no error", token)
		}
		msg := err.Error()
		if !strings.Contains(msg, "DISCORD_TOKEN") || !strings.Contains(msg, "need no token") {
			t.Errorf("token %q: error %q should name the variable and the offline commands", token, msg)
		}
		if strings.Contains(msg, "serve-test-secret") {
			t.Errorf("the error echoes the token: %q", msg)
		}
	}
}

// TestServeReloadsOnSIGHUPAndStopsWithItsContext runs serve against a
// minimal Discord (gateway discovery, handshake, command registration)
// reached through DISCORD_API_URL.
func TestServeReloadsOnSIGHUPAndStopsWithItsContext(t *testing.T) {
	discord := newMiniDiscord(t)
	cfg := config.Default()
	cfg.Discord.Token = serveToken
	cfg.Discord.APIURL = discord.URL
	cfg.Discord.GuildID = "300"
	cfg.Discord.ShutdownTimeout = time.Second
	engine := &stubEngine{reloaded: make(chan struct{}, 1)}
	var logs serveLogBuffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, engine, logger, &bytes.Buffer{}, nil) }()

	select {
	case path := <-discord.registered:
		if path != "/api/v9/applications/100/guilds/300/commands" {
			t.Errorf("commands registered at %s, want on the configured guild", path)
		}
	case err := <-done:
		t.Fatalf("serve returned before registering: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("commands never registered")
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-engine.reloaded:
	case <-time.After(15 * time.Second):
		t.Fatal("SIGHUP did not reload the knowledge")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not return after its context was cancelled")
	}
	out := logs.String()
	if !strings.Contains(out, "knowledge reloaded") || !strings.Contains(out, "chunks=7") {
		t.Errorf("the reload summary was not logged:\n%s", out)
	}
	if strings.Contains(out, "serve-test-secret") {
		t.Errorf("the logs hold the token")
	}
}

func TestSIGHUPDuringAReloadIsNotAnError(t *testing.T) {
	t.Parallel()
	var logs serveLogBuffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	engine := &stubEngine{reloaded: make(chan struct{}, 1), err: rag.ErrReloadInProgress}
	hup := make(chan os.Signal, 1)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		reloadOnSignal(context.Background(), engine, hup, done, logger)
	}()
	hup <- syscall.SIGHUP
	<-engine.reloaded
	close(done)
	<-finished
	out := logs.String()
	if !strings.Contains(out, "a reload is already running") || strings.Contains(out, "level=ERROR") {
		t.Errorf("a SIGHUP during a reload should be logged below error level:\n%s", out)
	}
}

type stubEngine struct {
	err      error // returned by Reload
	reloaded chan struct{}
}

func (e *stubEngine) Ask(context.Context, rag.Question) (rag.Answer, error) {
	return rag.Answer{}, errors.New("not asked in these tests")
}

func (e *stubEngine) Check(string) error { return nil }

func (e *stubEngine) Themes() []rag.Theme { return nil }

func (e *stubEngine) Reload(context.Context) (rag.ReloadReport, error) {
	e.reloaded <- struct{}{}
	if e.err != nil {
		return rag.ReloadReport{}, e.err
	}
	return rag.ReloadReport{Documents: 1, Chunks: 7}, nil
}

// miniDiscord is just enough of Discord for serve to connect: the bot's
// own tests drive a complete fake (bot/internal/fakediscord).
type miniDiscord struct {
	*httptest.Server
	registered chan string
}

func newMiniDiscord(t *testing.T) *miniDiscord {
	d := &miniDiscord{registered: make(chan string, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bot "+serveToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"url": "ws" + strings.TrimPrefix(d.URL, "http") + "/gateway"})
	})
	mux.HandleFunc("PUT /api/v9/applications/", func(w http.ResponseWriter, r *http.Request) {
		d.registered <- r.URL.Path
		_, _ = w.Write([]byte("[]"))
	})
	mux.HandleFunc("/gateway/", func(w http.ResponseWriter, r *http.Request) {
		ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		_ = ws.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}})
		for {
			var f struct{ Op int }
			if ws.ReadJSON(&f) != nil {
				return
			}
			switch f.Op {
			case 1:
				_ = ws.WriteJSON(map[string]any{"op": 11})
			case 2:
				_ = ws.WriteJSON(map[string]any{"op": 0, "t": "READY", "s": 1, "d": map[string]any{
					"v": 9, "session_id": "s", "guilds": []any{},
					"user":        map[string]any{"id": "200", "username": "Assistant", "bot": true},
					"application": map[string]any{"id": "100"},
				}})
			}
		}
	})
	d.Server = httptest.NewServer(mux)
	t.Cleanup(d.Close)
	return d
}

type serveLogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *serveLogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *serveLogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
