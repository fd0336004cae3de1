// Package metrics counts what the assistant does in Prometheus metrics,
// kept in a registry of its own (never the global one) and served by
// Handler in the text exposition format.
//
// *Metrics implements the observers that the bot, the engine, the API
// adapters and the embedding cache declare (bot.Observer, rag.Observer,
// openaicompat.Observer, embedcache.Observer) without importing them:
// the command wires it to each. Every method is a few atomic updates.
package metrics
