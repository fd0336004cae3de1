package openaicompat

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// StatusError is an error status answered by the API.
type StatusError struct {
	Code int
	// RetryAfter is how long the server asked to wait before trying
	// again; 0 when it did not say.
	RetryAfter time.Duration
	// Message is the server's explanation, shortened, without the API key.
	Message string
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("api answered %d %s", e.Code, http.StatusText(e.Code))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// statusDoer is the HTTP client go-openai uses. go-openai neither retries
// nor exposes the headers of a failed response, so error statuses are
// turned into *StatusError here, where the Retry-After header is still
// at hand. go-openai returns an error from Do unchanged.
type statusDoer struct {
	client *http.Client
	secret string
}

func (d *statusDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return resp, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 8<<10))
	return nil, &StatusError{
		Code:       resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
		Message:    shorten(redact(errorMessage(body), d.secret), 300),
	}
}

// errorMessage extracts the explanation from an error body in the shapes
// compatible servers use: {"error":{"message":…}} (OpenAI, Ollama, vLLM),
// {"error":"…"} and {"message":…} (Mistral), or plain text.
func errorMessage(body []byte) string {
	var v struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(body, &v) == nil {
		var inner struct {
			Message string `json:"message"`
		}
		var s string
		switch {
		case json.Unmarshal(v.Error, &inner) == nil && inner.Message != "":
			return inner.Message
		case json.Unmarshal(v.Error, &s) == nil && s != "":
			return s
		case v.Message != "":
			return v.Message
		}
	}
	return strings.Join(strings.Fields(string(body)), " ")
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 || s > 86400 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// redact removes the API key from s. Servers sometimes echo the key they
// rejected, and a base URL may carry it as a query parameter.
func redact(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "[clé masquée]")
}

// redactedError keeps an error's chain for errors.Is and errors.As but
// prints it without the API key.
type redactedError struct {
	err    error
	secret string
}

func (e *redactedError) Error() string { return redact(e.err.Error(), e.secret) }
func (e *redactedError) Unwrap() error { return e.err }

func redactErr(err error, secret string) error {
	if err == nil || secret == "" {
		return err
	}
	return &redactedError{err: err, secret: secret}
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
