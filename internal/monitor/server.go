package monitor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
)

// Check is one part of readiness: Ready returns nil when the part is
// ready, otherwise why not. It must not block: a probe waits for it.
type Check struct {
	Name  string
	Ready func() error
}

// Server answers /healthz, /readyz and /metrics. Create it with Listen,
// then call Serve.
type Server struct {
	ln     net.Listener
	srv    *http.Server
	checks []Check
}

// Limits of the server: probes and scrapes are small and quick, and a
// slow or idle client must not hold a connection for ever.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 16 << 10
	// shutdownTimeout bounds the wait for requests in flight at the end.
	shutdownTimeout = 5 * time.Second
)

// Listen binds addr at once, so that a taken or forbidden port is an
// error before anything else starts. metrics serves /metrics (404 if
// nil); checks decide /readyz, ready when every one is. logger receives
// the server's own errors (bad requests, failed writes); nil discards.
func Listen(addr string, metrics http.Handler, logger *slog.Logger, checks ...Check) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for health and metrics: %w", err)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{ln: ln, checks: checks}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	if metrics != nil {
		mux.Handle("GET /metrics", metrics)
	}
	s.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	return s, nil
}

// Addr is the address the server listens on (the port chosen, for ":0").
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve answers until ctx is done, then stops taking connections and
// waits for the requests in flight, a few seconds at most.
func (s *Server) Serve(ctx context.Context) error {
	served := make(chan error, 1)
	go func() { served <- s.srv.Serve(s.ln) }()
	select {
	case err := <-served: // it could not go on
		return fmt.Errorf("serve health and metrics: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("stop serving health and metrics: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve health and metrics: %w", err)
	}
	return nil
}

// healthz says the process is alive: it answers.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	plain(w, http.StatusOK, "ok\n")
}

// readyz says whether every check passes, and otherwise which do not
// and why, one a line.
func (s *Server) readyz(w http.ResponseWriter, _ *http.Request) {
	var why strings.Builder
	for _, c := range s.checks {
		if err := c.Ready(); err != nil {
			fmt.Fprintf(&why, "%s: %v\n", c.Name, err)
		}
	}
	if why.Len() > 0 {
		plain(w, http.StatusServiceUnavailable, why.String())
		return
	}
	plain(w, http.StatusOK, "ready\n")
}

func plain(w http.ResponseWriter, status int, body string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}
