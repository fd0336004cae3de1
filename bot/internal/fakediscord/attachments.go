package fakediscord

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Attachments: a file the test attaches to a command is served over
// HTTP from the fake's own host, as Discord's CDN serves attachments, at
// /attachments/{id}/{name}. Each download is recorded as a Request (GET,
// Path /attachments/…), so that a test can tell whether the bot
// downloaded anything.

// File is an attachment the fake serves.
type File struct {
	Name    string
	Content []byte // the bytes served, as they are
	// Header is added to the response: e.g. Content-Encoding: gzip for a
	// Content already compressed, or Location with Status 302.
	Header http.Header
	Status int // 0 for 200
	// Chunked serves Content as a stream, without a Content-Length.
	Chunked bool
	// Delay holds the answer back this long, or until the client gives
	// up: a stalled CDN.
	Delay time.Duration
}

// Attach serves f and returns the attachment an interaction carries in
// data.resolved.attachments: its URL on the fake's host, its size (which
// a test may then change, to lie) and its name.
func (s *Server) Attach(f File) *discordgo.MessageAttachment {
	id := s.ID()
	path := "/attachments/" + id + "/" + url.PathEscape(f.Name)
	s.mu.Lock()
	s.files[id] = f
	s.mu.Unlock()
	return &discordgo.MessageAttachment{
		ID: id, Filename: f.Name, Size: len(f.Content), URL: s.URL + path, ProxyURL: s.URL + path,
		ContentType: "application/octet-stream",
	}
}

// IsDownload matches the downloads of attachments.
func IsDownload(r Request) bool { return strings.HasPrefix(r.Path, "/attachments/") }

func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	req := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Auth: r.Header.Get("Authorization"), At: time.Now()}
	id, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/attachments/"), "/")
	s.mu.Lock()
	f, ok := s.files[id]
	s.mu.Unlock()
	req.Status = f.Status
	switch {
	case !ok || r.Method != http.MethodGet:
		req.Status = http.StatusNotFound
	case req.Status == 0:
		req.Status = http.StatusOK
	}
	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	s.notify()
	s.mu.Unlock()
	if req.Status == http.StatusNotFound {
		http.NotFound(w, r)
		return
	}
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range f.Header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if !f.Chunked {
		w.Header().Set("Content-Length", strconv.Itoa(len(f.Content)))
	}
	w.WriteHeader(req.Status)
	for rest := f.Content; len(rest) > 0; {
		n := min(len(rest), 64<<10)
		if _, err := w.Write(rest[:n]); err != nil {
			return // the client stopped reading
		}
		if f.Chunked {
			w.(http.Flusher).Flush()
		}
		rest = rest[n:]
	}
}

// String describes a file for test failures, without its content.
func (f File) String() string { return fmt.Sprintf("%s (%d bytes)", f.Name, len(f.Content)) }
