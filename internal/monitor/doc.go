// Package monitor serves what operators' tools poll over HTTP: /healthz
// (the process is alive), /readyz (every part it was given is ready)
// and /metrics (whatever handler it was given, Prometheus' in practice).
package monitor
