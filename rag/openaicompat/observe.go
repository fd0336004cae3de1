package openaicompat

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
)

// Observer is told of every request to the API, for metrics. It is
// called synchronously, from any goroutine: its methods must be quick
// and safe for concurrent use.
type Observer interface {
	// Requested reports one attempt of kind (KindChat or
	// KindEmbeddings): failure is "" when it succeeded, otherwise why it
	// failed (one of the Failure constants).
	Requested(kind, failure string)
	// Retrying reports that another attempt follows one that failed for
	// failure.
	Retrying(kind, failure string)
}

// What a request was for: a chat completion (an answer or a rewritten
// question) or embeddings (passages or a question).
const (
	KindChat       = "chat"
	KindEmbeddings = "embeddings"
)

// Why an attempt failed.
const (
	FailureTimeout   = "timeout"   // the attempt's deadline, or 408
	Failure429       = "429"       // the server's rate limit
	Failure5xx       = "5xx"       // the server failed
	Failure4xx       = "4xx"       // the request or the settings are wrong (400, 401, 404…)
	FailureMalformed = "malformed" // a reply that cannot be used: bad JSON, no choice, empty, wrong vectors, cut stream
	FailureNetwork   = "network"   // no connection, or one that broke
	FailureCanceled  = "canceled"  // the caller left
	FailureOther     = "other"
)

// WithObserver reports every request to o.
func WithObserver(o Observer) Option {
	return func(s *settings) {
		if o != nil {
			s.observer = o
		}
	}
}

type noObserver struct{}

func (noObserver) Requested(string, string) {}
func (noObserver) Retrying(string, string)  {}

// failureOf says why an attempt failed, "" if it did not.
func failureOf(err error) string {
	if err == nil {
		return ""
	}
	var se *StatusError
	if errors.As(err, &se) {
		switch {
		case se.Code == http.StatusTooManyRequests:
			return Failure429
		case se.Code == http.StatusRequestTimeout:
			return FailureTimeout
		case se.Code >= 500:
			return Failure5xx
		}
		return Failure4xx
	}
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return FailureTimeout
	case errors.Is(err, context.Canceled):
		return FailureCanceled
	case isMalformed(err):
		return FailureMalformed
	}
	var op *net.OpError
	if errors.As(err, &op) || errors.Is(err, io.EOF) {
		return FailureNetwork
	}
	return FailureOther
}

func isMalformed(err error) bool {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	for _, e := range []error{errMalformedEmbeddings, errEmptyReply, errNoChoice, errLeak, errCutStream, errBadRewrite, io.ErrUnexpectedEOF} {
		if errors.Is(err, e) {
			return true
		}
	}
	return errors.As(err, &syntax) || errors.As(err, &typ)
}
