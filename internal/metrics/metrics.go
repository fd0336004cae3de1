package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Build describes the running binary, exported as assistant_build_info.
type Build struct {
	Version, Revision, GoVersion string
}

// Metrics holds the assistant's metrics. Create it with New.
type Metrics struct {
	reg *prometheus.Registry

	questions      *prometheus.CounterVec   // entry, outcome
	rejected       *prometheus.CounterVec   // entry, reason
	answerDuration *prometheus.HistogramVec // outcome
	queueDepth     prometheus.Gauge

	retrieval      prometheus.Histogram
	reloads        *prometheus.CounterVec   // outcome
	reloadDuration *prometheus.HistogramVec // outcome
	documents      prometheus.Gauge
	passages       prometheus.Gauge

	apiRequests *prometheus.CounterVec // kind
	apiErrors   *prometheus.CounterVec // kind, reason
	apiRetries  *prometheus.CounterVec // kind, reason
	cacheHits   prometheus.Counter
	cacheMisses prometheus.Counter

	heartbeat  prometheus.Gauge
	reconnects prometheus.Counter
}

// The label values the observers report. Each combination starts at
// zero, so that dashboards and rate() see every series from the start.
var (
	entries    = []string{"slash", "mention", "dm", "message_command", "http"}
	outcomes   = []string{"answered", "refused", "error"}
	rejections = []string{"rate_limited", "invalid", "queue_full"}
	apiKinds   = []string{"chat", "embeddings"}
	failures   = []string{"timeout", "429", "5xx", "4xx", "malformed", "network", "canceled", "other"}
	reloadEnds = []string{"success", "failure"}
)

// New returns the metrics in a new registry, with the Go runtime's and
// the process's.
func New(b Build) *Metrics {
	reg := prometheus.NewRegistry()
	f := factory{reg}
	m := &Metrics{
		reg: reg,
		questions: f.counterVec("assistant_questions_total",
			"Questions taken for an answer, by entry (slash, mention, dm, message_command, http) and outcome (answered, refused: the documents do not cover it, error: no answer).",
			"entry", "outcome"),
		rejected: f.counterVec("assistant_questions_rejected_total",
			"Questions refused before the queue, by entry and reason (rate_limited: the user was over RATE_LIMIT_PER_MINUTE, invalid, queue_full).",
			"entry", "reason"),
		answerDuration: f.histogramVec("assistant_answer_duration_seconds",
			"Time from taking a question to its answer, the wait for a free slot included, delivery to Discord not, by outcome.",
			[]float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300, 840}, "outcome"),
		queueDepth: f.gauge("assistant_queue_depth",
			"Questions waiting for a free answering slot."),

		retrieval: f.histogram("assistant_retrieval_duration_seconds",
			"Time to retrieve the passages of one question, its embedding included.",
			[]float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 15}),
		reloads: f.counterVec("assistant_reloads_total",
			"Knowledge reloads (/recharger, SIGHUP), by outcome (success, failure: the previous index stays).",
			"outcome"),
		reloadDuration: f.histogramVec("assistant_reload_duration_seconds",
			"Time to reload the knowledge and rebuild the index, by outcome.",
			[]float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 900}, "outcome"),
		documents: f.gauge("assistant_knowledge_documents",
			"Documents the index answers from."),
		passages: f.gauge("assistant_knowledge_passages",
			"Passages (chunks) the index answers from."),

		apiRequests: f.counterVec("assistant_api_requests_total",
			"Requests to the OpenAI-compatible API, every attempt counted, by kind (chat, embeddings).",
			"kind"),
		apiErrors: f.counterVec("assistant_api_errors_total",
			"Failed requests to the OpenAI-compatible API, by kind and reason (timeout, 429, 5xx, 4xx, malformed, network, canceled, other).",
			"kind", "reason"),
		apiRetries: f.counterVec("assistant_api_retries_total",
			"Requests to the OpenAI-compatible API made again after a failure, by kind and the failure's reason.",
			"kind", "reason"),
		cacheHits: f.counter("assistant_embedding_cache_hits_total",
			"Passages whose embedding the cache held."),
		cacheMisses: f.counter("assistant_embedding_cache_misses_total",
			"Passages the cache did not hold, embedded through the API."),

		heartbeat: f.gauge("assistant_gateway_heartbeat_latency_seconds",
			"Time Discord's gateway took to acknowledge the last heartbeat sampled."),
		reconnects: f.counter("assistant_gateway_reconnects_total",
			"Gateway connections opened again after the first (resumed or new sessions)."),
	}
	info := f.gaugeVec("assistant_build_info",
		"The running binary: always 1, its version, VCS revision and Go version as labels.",
		"version", "revision", "go_version")
	info.WithLabelValues(b.Version, b.Revision, b.GoVersion).Set(1)
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.zero()
	return m
}

// zero creates every known series at 0.
func (m *Metrics) zero() {
	for _, o := range outcomes {
		m.answerDuration.WithLabelValues(o)
	}
	for _, e := range entries {
		for _, o := range outcomes {
			m.questions.WithLabelValues(e, o)
		}
		for _, r := range rejections {
			m.rejected.WithLabelValues(e, r)
		}
	}
	for _, k := range apiKinds {
		m.apiRequests.WithLabelValues(k)
		for _, f := range failures {
			m.apiErrors.WithLabelValues(k, f)
			m.apiRetries.WithLabelValues(k, f)
		}
	}
	for _, o := range reloadEnds {
		m.reloads.WithLabelValues(o)
		m.reloadDuration.WithLabelValues(o)
	}
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is where the metrics are: for tests, and for more collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// factory creates metrics registered in one registry.
type factory struct{ reg *prometheus.Registry }

func (f factory) counter(name, help string) prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
	f.reg.MustRegister(c)
	return c
}

func (f factory) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(c)
	return c
}

func (f factory) gauge(name, help string) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
	f.reg.MustRegister(g)
	return g
}

func (f factory) gaugeVec(name, help string, labels ...string) *prometheus.GaugeVec {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(g)
	return g
}

func (f factory) histogram(name, help string, buckets []float64) prometheus.Histogram {
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets})
	f.reg.MustRegister(h)
	return h
}

func (f factory) histogramVec(name, help string, buckets []float64, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets}, labels)
	f.reg.MustRegister(h)
	return h
}

// seconds is d in Prometheus' base unit.
func seconds(d time.Duration) float64 { return d.Seconds() }
