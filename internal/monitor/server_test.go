package monitor

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// start serves on a free loopback port until the test ends.
func start(t *testing.T, metrics http.Handler, checks ...Check) *Server {
	t.Helper()
	s, err := Listen("127.0.0.1:0", metrics, nil, checks...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s
}

func get(t *testing.T, s *Server, method, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+s.Addr()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// flag is a Check's state a test sets.
type flag struct{ ready atomic.Bool }

func (f *flag) check() error {
	if !f.ready.Load() {
		return errors.New("not yet")
	}
	return nil
}

func TestReadyzFollowsItsChecks(t *testing.T) {
	t.Parallel()
	var knowledge, discord flag
	s := start(t, nil, Check{"knowledge", knowledge.check}, Check{"discord", discord.check})

	if code, body := get(t, s, "GET", "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q, want 200 ok even before anything is ready", code, body)
	}
	code, body := get(t, s, "GET", "/readyz")
	if code != 503 || body != "knowledge: not yet\ndiscord: not yet\n" {
		t.Errorf("/readyz before anything: %d %q", code, body)
	}
	knowledge.ready.Store(true)
	if code, body := get(t, s, "GET", "/readyz"); code != 503 || body != "discord: not yet\n" {
		t.Errorf("/readyz with the knowledge only: %d %q", code, body)
	}
	discord.ready.Store(true)
	if code, body := get(t, s, "GET", "/readyz"); code != 200 || body != "ready\n" {
		t.Errorf("/readyz when all are ready: %d %q", code, body)
	}
	discord.ready.Store(false) // a lost connection
	if code, _ := get(t, s, "GET", "/readyz"); code != 503 {
		t.Errorf("/readyz after the connection was lost: %d, want 503", code)
	}
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	metrics := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "# metrics\n")
	})
	s := start(t, metrics)
	for _, c := range []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/metrics", 200, "# metrics\n"},
		{"GET", "/readyz", 200, "ready\n"}, // no check: ready
		{"HEAD", "/healthz", 200, ""},
		{"POST", "/healthz", 405, ""},
		{"GET", "/", 404, ""},
		{"GET", "/debug/pprof/", 404, ""},
	} {
		code, body := get(t, s, c.method, c.path)
		if code != c.code || (c.body != "" && body != c.body) {
			t.Errorf("%s %s: %d %q, want %d %q", c.method, c.path, code, body, c.code, c.body)
		}
	}
	if code, _ := get(t, start(t, nil), "GET", "/metrics"); code != 404 {
		t.Errorf("/metrics without a handler: %d, want 404", code)
	}
}

func TestServeStopsWithItsContext(t *testing.T) {
	t.Parallel()
	s, err := Listen("127.0.0.1:0", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	if code, _ := get(t, s, "GET", "/healthz"); code != 200 {
		t.Fatalf("/healthz: %d", code)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after its context ended: %v, want nil", err)
	}
	if _, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil {
		t.Error("still answering after Serve returned")
	}
}

func TestListenFailsOnATakenPort(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	_, err := Listen(s.Addr(), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "listen for health and metrics") {
		t.Errorf("Listen on a taken port: %v", err)
	}
}
