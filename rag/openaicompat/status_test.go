package openaicompat

import (
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":      0,
		"3":     3 * time.Second,
		"0.5":   500 * time.Millisecond,
		"-1":    0,
		"soon":  0,
		"99999": 0, // beyond a day: nonsense, ignored
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Minute).Format(http.TimeFormat):     0,
	}
	for in, want := range tests {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestErrorMessageShapes(t *testing.T) {
	tests := map[string]string{
		`{"error":{"message":"model not found","type":"invalid_request_error"}}`: "model not found", // OpenAI, vLLM, Ollama
		`{"object":"error","message":"Unauthorized","type":"invalid_request"}`:   "Unauthorized",    // Mistral
		`{"error":"loading model"}`:          "loading model", // llama.cpp, LocalAI
		"<html>\n  502 Bad Gateway\n</html>": "<html> 502 Bad Gateway </html>",
	}
	for body, want := range tests {
		if got := errorMessage([]byte(body)); got != want {
			t.Errorf("errorMessage(%q) = %q, want %q", body, got, want)
		}
	}
}
