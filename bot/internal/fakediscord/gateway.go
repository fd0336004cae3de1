package fakediscord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// conn is one gateway connection.
type conn struct {
	ws *websocket.Conn
	mu sync.Mutex // serialises writes
}

func (c *conn) send(v any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws.WriteJSON(v)
}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d,omitempty"`
	S  *int64          `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway speaks the gateway protocol: HELLO, then READY after
// IDENTIFY (or RESUMED after RESUME), heartbeat ACKs and dispatches.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &conn{ws: ws}
	defer func() {
		ws.Close()
		s.mu.Lock()
		if s.gw == c {
			s.gw = nil
		}
		s.closes++
		s.notify()
		s.mu.Unlock()
	}()
	if c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}) != nil {
		return
	}
	for {
		var f frame
		if err := ws.ReadJSON(&f); err != nil {
			return
		}
		switch f.Op {
		case 1: // heartbeat
			if c.send(map[string]any{"op": 11}) != nil {
				return
			}
		case 2: // identify
			var id identify
			_ = json.Unmarshal(f.D, &id)
			if id.Token != "Bot "+s.opts.Token {
				_ = ws.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
				return
			}
			ready := discordgo.Ready{
				Version: 9, SessionID: "fake-session",
				User:        &discordgo.User{ID: s.opts.BotID, Username: s.opts.BotName, Bot: true},
				Application: &discordgo.Application{ID: s.opts.AppID},
				Guilds:      []*discordgo.Guild{},
			}
			s.live(c, id) // before READY: the client may act on READY at once
			if s.dispatch(c, "READY", ready) != nil {
				return
			}
		case 6: // resume
			s.live(c, identify{})
			if s.dispatch(c, "RESUMED", map[string]any{}) != nil {
				return
			}
		}
	}
}

// identify is the part of IDENTIFY the fake checks.
type identify struct {
	Token   string           `json:"token"`
	Intents discordgo.Intent `json:"intents"`
}

func (s *Server) live(c *conn, id identify) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw = c
	if id.Token != "" {
		s.sessions++
		s.intents = id.Intents
	}
	s.notify()
}

func (s *Server) dispatch(c *conn, event string, data any) error {
	d, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("encode %s: %w", event, err)
	}
	seq := s.seq.Add(1)
	return c.send(frame{Op: 0, T: event, S: &seq, D: d})
}

// Dispatch pushes an event to the connected client.
func (s *Server) Dispatch(event string, data any) error {
	s.mu.Lock()
	c := s.gw
	s.mu.Unlock()
	if c == nil {
		return errors.New("no gateway connection is ready")
	}
	return s.dispatch(c, event, data)
}

// WaitConnected waits until a client has identified and is ready.
func (s *Server) WaitConnected(ctx context.Context) error {
	return s.waitGateway(ctx, func() bool { return s.gw != nil })
}

// WaitDisconnected waits until the client has closed its connection.
func (s *Server) WaitDisconnected(ctx context.Context) error {
	return s.waitGateway(ctx, func() bool { return s.gw == nil && s.closes > 0 })
}

// Sessions returns how many times a client identified, and the intents
// it asked for the last time.
func (s *Server) Sessions() (int, discordgo.Intent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions, s.intents
}

func (s *Server) waitGateway(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ok, ch := cond(), s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
