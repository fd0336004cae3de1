package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/interpol-onu/assistant/config"
)

// errNoHTTPAddr is healthcheck's error when there is no endpoint to ask.
var errNoHTTPAddr = errors.New("HTTP_ADDR is not set: serve answers /healthz only when it is (e.g. HTTP_ADDR=:9090), and healthcheck asks the same address")

// healthcheck asks the serve process listening on HTTP_ADDR whether it
// is alive (/healthz) or, with --ready, ready (/readyz). It succeeds,
// and the program exits 0, on 200 OK only; otherwise the program exits
// 1. It needs no shell nor tool: the container image's HEALTHCHECK runs
// it.
func healthcheck(ctx context.Context, cfg config.Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ready := fs.Bool("ready", false, "ask /readyz instead of /healthz")
	timeout := fs.Duration("timeout", 5*time.Second, "longest wait for the answer")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := cfg.ValidateHTTP(); err != nil {
		return err
	}
	if cfg.HTTPAddr == "" {
		return errNoHTTPAddr
	}
	path := "/healthz"
	if *ready {
		path = "/readyz"
	}
	u := "http://" + loopback(cfg.HTTPAddr) + path
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	// Never through a proxy: the endpoint is this machine's.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	text := strings.TrimSpace(string(body))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health check: %s answered %s: %s", u, resp.Status, text)
	}
	_, err = fmt.Fprintln(stdout, text)
	return err
}

// loopback turns a listening address into one to connect to: a server
// listening on every interface (":9090", "0.0.0.0:9090", "[::]:9090")
// is asked on the loopback interface.
func loopback(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return net.JoinHostPort(host, port)
}
