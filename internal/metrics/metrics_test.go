package metrics

import (
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape gets the handler's page and parses it as Prometheus would.
func scrape(t *testing.T, m *Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape: %s", resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse the exposition format: %v", err)
	}
	return families
}

// value returns the value of the series of name with exactly labels
// (name=value pairs), failing the test when it is missing: a counter's,
// a gauge's, or a histogram's count.
func value(t *testing.T, families map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	t.Helper()
	f, ok := families[name]
	if !ok {
		t.Fatalf("no metric %s", name)
	}
	for _, m := range f.GetMetric() {
		if !sameLabels(m.GetLabel(), labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	t.Fatalf("no series %s%v", name, labels)
	return 0
}

func sameLabels(got []*dto.LabelPair, want []string) bool {
	if len(got)*2 != len(want) {
		return false
	}
	for i, l := range got { // sorted by name, as the want lists are
		if l.GetName() != want[2*i] || l.GetValue() != want[2*i+1] {
			return false
		}
	}
	return true
}

func TestEveryObserverMovesItsMetric(t *testing.T) {
	m := New(Build{Version: "1.2.3", Revision: "abc", GoVersion: "go1.26.8"})
	m.Answered("slash", "answered", 300*time.Millisecond)
	m.Answered("slash", "answered", time.Second)
	m.Answered("dm", "refused", time.Millisecond)
	m.Rejected("mention", "rate_limited")
	m.Queued(1)
	m.Queued(1)
	m.Queued(-1)
	m.Reconnected()
	m.Heartbeat(42 * time.Millisecond)
	m.Retrieved(3 * time.Millisecond)
	m.Loaded(4, 120)
	m.Reloaded(2*time.Second, nil)
	m.Reloaded(time.Second, errors.New("broken document"))
	m.Requested("chat", "429")
	m.Retrying("chat", "429")
	m.Requested("chat", "")
	m.Requested("embeddings", "malformed")
	m.Looked(10, 2)

	f := scrape(t, m)
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"assistant_questions_total", []string{"entry", "slash", "outcome", "answered"}, 2},
		{"assistant_questions_total", []string{"entry", "dm", "outcome", "refused"}, 1},
		{"assistant_questions_total", []string{"entry", "http", "outcome", "error"}, 0},
		{"assistant_answer_duration_seconds", []string{"outcome", "answered"}, 2},
		{"assistant_questions_rejected_total", []string{"entry", "mention", "reason", "rate_limited"}, 1},
		{"assistant_questions_rejected_total", []string{"entry", "slash", "reason", "queue_full"}, 0},
		{"assistant_queue_depth", nil, 1},
		{"assistant_gateway_reconnects_total", nil, 1},
		{"assistant_gateway_heartbeat_latency_seconds", nil, 0.042},
		{"assistant_retrieval_duration_seconds", nil, 1},
		{"assistant_knowledge_documents", nil, 4},
		{"assistant_knowledge_passages", nil, 120},
		{"assistant_reloads_total", []string{"outcome", "success"}, 1},
		{"assistant_reloads_total", []string{"outcome", "failure"}, 1},
		{"assistant_reload_duration_seconds", []string{"outcome", "failure"}, 1},
		{"assistant_api_requests_total", []string{"kind", "chat"}, 2},
		{"assistant_api_requests_total", []string{"kind", "embeddings"}, 1},
		{"assistant_api_errors_total", []string{"kind", "chat", "reason", "429"}, 1},
		{"assistant_api_errors_total", []string{"kind", "embeddings", "reason", "malformed"}, 1},
		{"assistant_api_errors_total", []string{"kind", "chat", "reason", "timeout"}, 0},
		{"assistant_api_retries_total", []string{"kind", "chat", "reason", "429"}, 1},
		{"assistant_embedding_cache_hits_total", nil, 10},
		{"assistant_embedding_cache_misses_total", nil, 2},
		{"assistant_build_info", []string{"go_version", "go1.26.8", "revision", "abc", "version", "1.2.3"}, 1},
	} {
		if got := value(t, f, c.name, c.labels...); got != c.want {
			t.Errorf("%s%v = %g, want %g", c.name, c.labels, got, c.want)
		}
	}
	// The answer histogram's buckets are in seconds: 0.3 s and 1 s.
	h := f["assistant_answer_duration_seconds"].GetMetric()
	for _, m := range h {
		if m.GetLabel()[0].GetValue() == "answered" && math.Abs(m.Histogram.GetSampleSum()-1.3) > 1e-9 {
			t.Errorf("answer durations add up to %g s, want 1.3", m.Histogram.GetSampleSum())
		}
	}
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total"} {
		if _, ok := f[name]; !ok {
			t.Errorf("no %s: the runtime and process collectors are missing", name)
		}
	}
}

// The names, units and help texts follow Prometheus' conventions, as
// promlint checks them.
func TestMetricsFollowTheNamingConventions(t *testing.T) {
	m := New(Build{})
	problems, err := promlint.NewWithMetricFamilies(gather(t, m)).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
}

func gather(t *testing.T, m *Metrics) []*dto.MetricFamily {
	t.Helper()
	fs, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// Each Metrics has its own registry: two never collide, as two in one
// process would on the global one.
func TestTwoMetricsDoNotCollide(t *testing.T) {
	a, b := New(Build{}), New(Build{})
	a.Reconnected()
	if v := value(t, scrape(t, b), "assistant_gateway_reconnects_total"); v != 0 {
		t.Errorf("the second registry saw the first's reconnection: %g", v)
	}
}
