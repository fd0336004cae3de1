package openaicompat

import (
	"errors"
	"time"
)

// Config says which server and models to use, and how patiently. The
// program maps its settings (OPENAI_*, CHAT_MODEL, EMBEDDING_*) to it.
type Config struct {
	BaseURL        string // including /v1; the OpenAI API when empty
	APIKey         string // Bearer key; empty for servers without one
	ChatModel      string // the Generator's model
	EmbeddingModel string // the Embedder's model
	Timeout        time.Duration
	MaxRetries     int  // retries after a failed attempt
	BatchSize      int  // texts per embedding request; 1 if less
	Concurrency    int  // embedding requests in flight; 1 if less
	Stream         bool // the Generator streams its answers
}

// errNoTimeout is returned for a Config without a positive Timeout: an
// attempt without a deadline could hang a question for ever.
var errNoTimeout = errors.New("no timeout per attempt (OPENAI_TIMEOUT must be positive)")
