package main

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// listenAddr is the HTTP_ADDR of srv as an operator would write it, on
// every interface: healthcheck asks the loopback interface.
func listenAddr(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return ":" + port
}

func TestHealthcheckAsksTheServer(t *testing.T) {
	t.Parallel()
	var ready atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/healthz":
			_, _ = w.Write([]byte("ok\n"))
		case r.URL.Path == "/readyz" && ready.Load():
			_, _ = w.Write([]byte("ready\n"))
		case r.URL.Path == "/readyz":
			http.Error(w, "knowledge: not loaded yet", http.StatusServiceUnavailable)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	e := env{"HTTP_ADDR": listenAddr(t, srv)}

	out, _, err := runCLI(t, e, "", "healthcheck")
	if err != nil || out != "ok\n" {
		t.Errorf("healthcheck: %q, %v; want ok", out, err)
	}
	_, _, err = runCLI(t, e, "", "healthcheck", "--ready")
	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "not loaded yet") {
		t.Errorf("healthcheck --ready before ready: %v; want the status and the reason", err)
	}
	ready.Store(true)
	out, _, err = runCLI(t, e, "", "healthcheck", "--ready")
	if err != nil || out != "ready\n" {
		t.Errorf("healthcheck --ready: %q, %v", out, err)
	}
}

func TestHealthcheckFailsWithoutAServer(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	dead := listenAddr(t, srv)
	srv.Close() // nothing listens there any more

	_, _, err := runCLI(t, env{"HTTP_ADDR": dead}, "", "healthcheck", "--timeout", "2s")
	if err == nil || !strings.Contains(err.Error(), "health check") {
		t.Errorf("dead address: %v; want a health check error", err)
	}
	_, _, err = runCLI(t, env{}, "", "healthcheck")
	if !errors.Is(err, errNoHTTPAddr) {
		t.Errorf("without HTTP_ADDR: %v; want %v", err, errNoHTTPAddr)
	}
	_, _, err = runCLI(t, env{"HTTP_ADDR": "9090"}, "", "healthcheck")
	if err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") {
		t.Errorf("invalid HTTP_ADDR: %v; want it named", err)
	}
	_, _, err = runCLI(t, env{"HTTP_ADDR": ":9090"}, "", "healthcheck", "extra")
	if !errors.Is(err, errUsage) {
		t.Errorf("unexpected argument: %v; want a usage error", err)
	}
}

func TestLoopback(t *testing.T) {
	for in, want := range map[string]string{
		":9090": "127.0.0.1:9090", "0.0.0.0:9090": "127.0.0.1:9090", "[::]:9090": "[::1]:9090",
		"10.1.2.3:80": "10.1.2.3:80", "localhost:9090": "localhost:9090",
	} {
		if got := loopback(in); got != want {
			t.Errorf("loopback(%q) = %q, want %q", in, got, want)
		}
	}
}
