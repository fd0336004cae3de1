// Package openaitest provides an in-process OpenAI-compatible server for
// tests and benchmarks: it checks every request (path, method,
// Authorization header, model, body) and answers chat completions from a
// script of replies, streamed or not, and embeddings with deterministic
// vectors, or with any failure a real server produces.
package openaitest
