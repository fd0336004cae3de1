package metrics

import "time"

// The bot's observer (bot.Observer).

// Answered counts a question taken for an answer and its time. The time
// goes first: a scrape that sees the count sees the time too.
func (m *Metrics) Answered(entry, outcome string, d time.Duration) {
	m.answerDuration.WithLabelValues(outcome).Observe(seconds(d))
	m.questions.WithLabelValues(entry, outcome).Inc()
}

// Rejected counts a question refused before the queue.
func (m *Metrics) Rejected(entry, reason string) {
	m.rejected.WithLabelValues(entry, reason).Inc()
}

// Queued moves the queue's depth by delta.
func (m *Metrics) Queued(delta int) { m.queueDepth.Add(float64(delta)) }

// Reconnected counts a gateway connection opened again.
func (m *Metrics) Reconnected() { m.reconnects.Inc() }

// Heartbeat sets the gateway's latency.
func (m *Metrics) Heartbeat(latency time.Duration) { m.heartbeat.Set(seconds(latency)) }

// The engine's observer (rag.Observer).

// Retrieved records one retrieval's time.
func (m *Metrics) Retrieved(d time.Duration) { m.retrieval.Observe(seconds(d)) }

// Loaded sets what the index answers from.
func (m *Metrics) Loaded(documents, passages int) {
	m.documents.Set(float64(documents))
	m.passages.Set(float64(passages))
}

// Reloaded counts a reload and records its time, by outcome, the time
// first.
func (m *Metrics) Reloaded(d time.Duration, err error) {
	outcome := "success"
	if err != nil {
		outcome = "failure"
	}
	m.reloadDuration.WithLabelValues(outcome).Observe(seconds(d))
	m.reloads.WithLabelValues(outcome).Inc()
}

// The API adapters' observer (openaicompat.Observer).

// Requested counts one attempt, and its failure if it failed.
func (m *Metrics) Requested(kind, failure string) {
	m.apiRequests.WithLabelValues(kind).Inc()
	if failure != "" {
		m.apiErrors.WithLabelValues(kind, failure).Inc()
	}
}

// Retrying counts an attempt made again after failure.
func (m *Metrics) Retrying(kind, failure string) {
	m.apiRetries.WithLabelValues(kind, failure).Inc()
}

// The embedding cache's observer (embedcache.Observer).

// Looked counts cache hits and misses.
func (m *Metrics) Looked(hits, misses int) {
	m.cacheHits.Add(float64(hits))
	m.cacheMisses.Add(float64(misses))
}
