// Package openaicompat answers questions with a language model and embeds
// texts with an embedding model, through any server that speaks the
// OpenAI API (OpenAI, Mistral, Ollama, vLLM, llama.cpp server, LocalAI),
// chosen by its base URL.
//
// Every call is bounded: a timeout per attempt, a few retries with
// exponential backoff that honour Retry-After, then an error, or for the
// Generator an extractive answer from its fallback. The API key never
// appears in an error or a log line.
package openaicompat
