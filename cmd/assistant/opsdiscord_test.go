package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gorilla/websocket"
)

// opsDiscord is enough of Discord for serve to connect, take slash
// commands and answer them: gateway discovery and handshake, command
// registration, interaction callbacks and the edit of the original
// response, which it hands the test. The bot's own tests drive a
// complete fake (bot/internal/fakediscord), which cmd cannot import.
type opsDiscord struct {
	*httptest.Server
	answers chan map[string]any // bodies of PATCH …/messages/@original

	mu    sync.Mutex
	ws    *websocket.Conn
	wmu   sync.Mutex    // serialises writes to ws
	ready chan struct{} // closed at the first IDENTIFY
	once  sync.Once
	seq   int
}

func newOpsDiscord(t *testing.T) *opsDiscord {
	d := &opsDiscord{answers: make(chan map[string]any, 10), ready: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bot "+serveToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"url": "ws" + strings.TrimPrefix(d.URL, "http") + "/gateway"})
	})
	mux.HandleFunc("PUT /api/v9/applications/", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("[]"))
	})
	mux.HandleFunc("POST /api/v9/interactions/", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("PATCH /api/v9/webhooks/", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		if strings.HasSuffix(r.URL.Path, "/messages/@original") {
			d.answers <- body
		}
		body["id"] = "900"
		body["channel_id"] = "400"
		_ = json.NewEncoder(w).Encode(body)
	})
	mux.HandleFunc("/gateway/", d.gateway)
	d.Server = httptest.NewServer(mux)
	t.Cleanup(d.Close)
	return d
}

func (d *opsDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	ws, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer ws.Close()
	d.mu.Lock()
	d.ws = ws
	d.mu.Unlock()
	d.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}})
	for {
		var f struct{ Op int }
		if ws.ReadJSON(&f) != nil {
			return
		}
		switch f.Op {
		case 1:
			d.send(map[string]any{"op": 11})
		case 2:
			d.dispatch("READY", map[string]any{
				"v": 9, "session_id": "s", "guilds": []any{},
				"user":        map[string]any{"id": "200", "username": "Assistant", "bot": true},
				"application": map[string]any{"id": "100"},
			})
			d.once.Do(func() { close(d.ready) })
		}
	}
}

func (d *opsDiscord) send(v any) {
	d.mu.Lock()
	ws := d.ws
	d.mu.Unlock()
	d.wmu.Lock()
	defer d.wmu.Unlock()
	_ = ws.WriteJSON(v)
}

func (d *opsDiscord) dispatch(event string, data any) {
	d.mu.Lock()
	d.seq++
	seq := d.seq
	d.mu.Unlock()
	d.send(map[string]any{"op": 0, "t": event, "s": seq, "d": data})
}

// ask pushes /question texte:text from a member of guild 300.
func (d *opsDiscord) ask(id, text string) {
	d.dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": "100", "type": 2, "token": "tok-" + id, "version": 1,
		"guild_id": "300", "channel_id": "400", "locale": "fr",
		"member": map[string]any{"user": map[string]any{"id": "42", "username": "curieux"}, "permissions": "0", "roles": []any{}},
		"data": map[string]any{"id": "1", "name": "question", "type": 1,
			"options": []any{map[string]any{"name": "texte", "type": 3, "value": text}}},
	})
}
