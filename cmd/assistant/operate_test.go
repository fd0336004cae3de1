package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/interpol-onu/assistant/bot"
	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// freeAddr returns a loopback address with a port free a moment ago:
// HTTP_ADDR takes no port 0.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func httpGet(addr, path string) (int, string, error) {
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// eventually polls until cond holds, or fails the test after a bound far
// above what any step needs.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: never", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeExposesHealthReadinessAndMetrics runs `assistant serve` as an
// operator would, with HTTP_ADDR and an embedding API: alive at once,
// not ready while the knowledge is being indexed (the embedding API is
// held) nor before the gateway is connected, ready after; questions, a
// SIGHUP reload and the API's requests then show in /metrics, parsed as
// Prometheus parses it. It is not parallel: it signals the process.
func TestServeExposesHealthReadinessAndMetrics(t *testing.T) {
	api := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	api.HoldEmbeddings()
	discord := newOpsDiscord(t)
	addr := freeAddr(t)
	e := apiEnv(api, env{
		"EMBEDDING_MODEL":  apiEmbedModel,
		"CACHE_DIR":        t.TempDir(),
		"DISCORD_TOKEN":    serveToken,
		"DISCORD_API_URL":  discord.URL,
		"DISCORD_GUILD_ID": "300",
		"HTTP_ADDR":        addr,
		"LOG_FORMAT":       "json",
		"SHUTDOWN_TIMEOUT": "2s",
	})
	logs := &serveLogBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, e.get, strings.NewReader(""), io.Discard, logs) }()

	eventually(t, "/healthz answers", func() bool {
		code, _, err := httpGet(addr, "/healthz")
		return err == nil && code == 200
	})
	code, body, err := httpGet(addr, "/readyz")
	if err != nil || code != 503 || !strings.Contains(body, "knowledge: not loaded yet") || !strings.Contains(body, "discord: not started yet") {
		t.Errorf("/readyz while indexing: %d %q %v; want 503 naming the knowledge and Discord", code, body, err)
	}
	api.Release()
	eventually(t, "/readyz says ready", func() bool {
		code, _, err := httpGet(addr, "/readyz")
		return err == nil && code == 200
	})

	discord.ask("1001", vienneQuestion)
	discord.ask("1002", "Quelle est la capitale de l'Australie ?")
	for range 2 {
		select {
		case <-discord.answers:
		case <-time.After(20 * time.Second):
			t.Fatal("a question was never answered")
		}
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	var f map[string]*dto.MetricFamily
	eventually(t, "the reload is counted", func() bool {
		f = scrapeMetrics(t, addr)
		return metricValue(f, "assistant_reloads_total", "outcome", "success") == 1
	})

	passages := float64(chunkCount(t))
	for _, c := range []struct {
		name   string
		labels []string
		check  func(float64) bool
		want   string
	}{
		{"assistant_questions_total", []string{"entry", "slash", "outcome", "answered"}, eq(1), "1"},
		{"assistant_questions_total", []string{"entry", "slash", "outcome", "refused"}, eq(1), "1"},
		{"assistant_questions_total", []string{"entry", "mention", "outcome", "error"}, eq(0), "0"},
		{"assistant_answer_duration_seconds", []string{"outcome", "answered"}, eq(1), "1 observation"},
		{"assistant_retrieval_duration_seconds", nil, eq(2), "2 observations"},
		{"assistant_queue_depth", nil, eq(0), "0"},
		{"assistant_knowledge_documents", nil, eq(1), "1"},
		{"assistant_knowledge_passages", nil, eq(passages), "the built-in chunks"},
		{"assistant_reload_duration_seconds", []string{"outcome", "success"}, eq(1), "1 observation"},
		{"assistant_api_requests_total", []string{"kind", "embeddings"}, atLeast(3), "the probe, the chunks, the questions"},
		{"assistant_api_errors_total", []string{"kind", "embeddings", "reason", "5xx"}, eq(0), "0"},
		{"assistant_embedding_cache_misses_total", nil, eq(passages), "every chunk, once"},
		{"assistant_embedding_cache_hits_total", nil, eq(passages), "every chunk, at the reload"},
		{"assistant_gateway_reconnects_total", nil, eq(0), "0"},
	} {
		if got := metricValue(f, c.name, c.labels...); !c.check(got) {
			t.Errorf("%s%v = %g, want %s", c.name, c.labels, got, c.want)
		}
	}
	if fam := f["assistant_build_info"]; fam == nil || len(fam.GetMetric()) != 1 {
		t.Errorf("no assistant_build_info")
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, _, err := httpGet(addr, "/healthz"); err == nil {
		t.Error("/healthz still answers after serve returned")
	}
	out := logs.String()
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "{") {
			t.Errorf("LOG_FORMAT=json, yet a line is not JSON: %q", line)
		}
	}
	if strings.Contains(out, "serve-test-secret") || strings.Contains(out, apiKey) {
		t.Errorf("the logs hold a secret:\n%s", out)
	}
}

func eq(want float64) func(float64) bool      { return func(v float64) bool { return v == want } }
func atLeast(want float64) func(float64) bool { return func(v float64) bool { return v >= want } }

// scrapeMetrics gets /metrics and parses it as Prometheus does.
func scrapeMetrics(t *testing.T, addr string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("/metrics Content-Type %q, want the text format", ct)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	f, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return f
}

// metricValue is the value of name's series with exactly labels (name,
// value pairs in name order): a counter's or gauge's value, a
// histogram's count; -1 when there is no such series.
func metricValue(f map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	for _, m := range f[name].GetMetric() {
		got := m.GetLabel()
		if len(got)*2 != len(labels) {
			continue
		}
		same := true
		for i, l := range got {
			same = same && l.GetName() == labels[2*i] && l.GetValue() == labels[2*i+1]
		}
		switch {
		case !same:
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

// The states between: the knowledge loaded but no bot yet, then a bot
// not connected; each named by /readyz.
func TestReadinessWaitsForKnowledgeAndGateway(t *testing.T) {
	t.Parallel()
	cfg := config.Default()
	cfg.HTTPAddr = freeAddr(t)
	ops, err := startOperations(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer ops.close()
	readyz := func() string {
		t.Helper()
		code, body, err := httpGet(cfg.HTTPAddr, "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		return strconv.Itoa(code) + " " + body
	}
	if got := readyz(); got != "503 knowledge: not loaded yet\ndiscord: not started yet\n" {
		t.Errorf("at start: %q", got)
	}
	ops.knowledgeLoaded()
	if got := readyz(); got != "503 discord: not started yet\n" {
		t.Errorf("knowledge loaded: %q", got)
	}
	b, err := bot.New(&stubEngine{}, serveToken)
	if err != nil {
		t.Fatal(err)
	}
	ops.watch(b)
	if got := readyz(); got != "503 discord: not connected to the gateway\n" {
		t.Errorf("bot created, not connected: %q", got)
	}
}

func TestServeRefusesABadOrTakenHTTPAddr(t *testing.T) {
	t.Parallel()
	_, _, err := runCLI(t, env{"DISCORD_TOKEN": serveToken, "HTTP_ADDR": "9090"}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") {
		t.Errorf("HTTP_ADDR=9090: %v, want an error naming it", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, _, err = runCLI(t, env{"DISCORD_TOKEN": serveToken, "HTTP_ADDR": ln.Addr().String()}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "listen for health and metrics") {
		t.Errorf("HTTP_ADDR taken: %v, want a listen error", err)
	}
}
