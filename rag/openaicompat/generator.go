package openaicompat

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/interpol-onu/assistant/rag"
)

// FallbackNotice is set on an answer that the fallback generator composed
// because the language model failed.
const FallbackNotice = "Le modèle de langue est indisponible : réponse extraite directement des documents."

var (
	errEmptyReply = errors.New("language model gave an empty reply")
	errNoChoice   = errors.New("language model reply has no choice")
	errLeak       = errors.New("language model reply repeats its instructions")
	errCutStream  = errors.New("language model stream ended before the reply was finished")
)

// Generator answers from retrieved excerpts with a chat model. When the
// model cannot be reached or misbehaves, it answers with its fallback
// generator and a notice: the user always gets an answer.
type Generator struct {
	client   *openai.Client
	model    string
	stream   bool
	retry    retrier
	fallback rag.Generator
	logger   *slog.Logger
	secret   string
	leak     leakDetector
}

var _ rag.Generator = (*Generator)(nil)

// fallbackReserve is the time the Generator keeps before the caller's
// deadline: its attempts end that much earlier, so that the fallback
// answer is ready before the caller gives up.
const fallbackReserve = time.Second

// NewGenerator returns a Generator for cfg.ChatModel on cfg.BaseURL (the
// OpenAI API when empty), using cfg.APIKey, cfg.Timeout per attempt,
// cfg.MaxRetries and cfg.Stream. fallback (the extractive generator)
// answers when the model fails. A nil logger discards.
func NewGenerator(cfg Config, fallback rag.Generator, logger *slog.Logger, opts ...Option) (*Generator, error) {
	if cfg.ChatModel == "" {
		return nil, errors.New("create generator: no chat model named (CHAT_MODEL)")
	}
	if fallback == nil {
		return nil, errors.New("create generator: no fallback generator")
	}
	if cfg.Timeout <= 0 {
		return nil, fmt.Errorf("create generator: %w", errNoTimeout)
	}
	s := applyOptions(opts)
	logger = loggerOrDiscard(logger)
	retry := newRetrier(cfg, s, logger, KindChat, "chat completion")
	retry.reserve = fallbackReserve
	return &Generator{
		client:   newClient(cfg, s),
		model:    cfg.ChatModel,
		stream:   cfg.Stream,
		retry:    retry,
		fallback: fallback,
		logger:   logger,
		secret:   cfg.APIKey,
		leak:     newLeakDetector(systemPrompt, closingReminder, rewritePrompt),
	}, nil
}

// Generate answers q from hits (best first). With no hits it refuses;
// when the model says the excerpts do not contain the answer it refuses
// the same way as the offline path. Citations are checked against hits:
// [n] in the answer's text is its Sources[n-1].
//
// Attempts and retries stop in time for ctx's deadline (see retrier),
// and even past that deadline the answer is the fallback's: the user
// always gets one. It returns an error only when ctx is cancelled (the
// caller left: a shutdown) or the fallback fails.
func (g *Generator) Generate(ctx context.Context, q rag.Question, ev rag.Evidence) (rag.Answer, error) {
	hits := ev.Hits
	if len(hits) == 0 {
		return rag.Refusal(nil), nil
	}
	req := g.request(buildMessages(q.Text, q.History, hits))
	var reply string
	err := g.retry.do(ctx, func(ctx context.Context) error {
		var err error
		if g.stream && q.Partial != nil {
			reply, err = g.streamReply(ctx, req, g.previewer(hits, q.Partial))
		} else {
			reply, err = g.reply(ctx, req)
		}
		if err != nil {
			return err
		}
		return g.checkReply(reply, hits)
	})
	if err != nil {
		switch cerr := ctx.Err(); {
		case errors.Is(cerr, context.DeadlineExceeded):
			// The caller still waits for an answer; the fallback
			// (extractive, fast) needs no more of its time.
			return g.fallbackAnswer(context.WithoutCancel(ctx), q, ev, err)
		case cerr != nil:
			return rag.Answer{}, fmt.Errorf("generate answer: %w", cerr)
		}
		return g.fallbackAnswer(ctx, q, ev, err)
	}
	return g.answer(reply, hits), nil
}

func (g *Generator) request(msgs []openai.ChatCompletionMessage) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Model: g.model, Messages: msgs, Temperature: 0.2}
	// Reasoning models (o1…, gpt-5…) accept no temperature; go-openai
	// knows which, and would refuse the request.
	if openai.NewReasoningValidator().Validate(req) != nil {
		req.Temperature = 0
	}
	return req
}

// reply makes one non-streaming attempt.
func (g *Generator) reply(ctx context.Context, req openai.ChatCompletionRequest) (string, error) {
	resp, err := g.client.CreateChatCompletion(ctx, req)
	if err != nil {
		return "", err
	}
	if len(resp.Choices) == 0 {
		return "", errNoChoice
	}
	text := withoutThinking(resp.Choices[0].Message.Content)
	if text == "" {
		return "", errEmptyReply
	}
	return text, nil
}

// checkReply rejects a reply that repeats the instructions (for good:
// the same question would draw it again) or that holds nothing once its
// invented citations are removed (worth another attempt).
func (g *Generator) checkReply(reply string, hits []rag.Hit) error {
	if g.leak.leaks(reply) {
		return permanent(errLeak)
	}
	if checkCitations(reply, hits).text == "" {
		return errEmptyReply
	}
	return nil
}

// answer turns a checked reply into the user's answer.
func (g *Generator) answer(reply string, hits []rag.Hit) rag.Answer {
	c := checkCitations(reply, hits)
	if isRefusal(reply, len(c.sources)) {
		return rag.Refusal(hits)
	}
	if c.invented > 0 {
		g.logger.Warn("language model cited excerpts it was not given; citations removed",
			"invented", c.invented, "excerpts", len(hits))
	}
	if len(c.sources) == 0 {
		g.logger.Warn("language model answer cites no excerpt", "excerpts", len(hits))
	}
	return rag.Answer{Text: c.text, Sources: c.sources, Hits: hits}
}

func (g *Generator) fallbackAnswer(ctx context.Context, q rag.Question, ev rag.Evidence, cause error) (rag.Answer, error) {
	g.logger.Warn("language model unavailable, answering from the excerpts",
		"model", g.model, "err", redact(cause.Error(), g.secret))
	a, err := g.fallback.Generate(ctx, q, ev)
	if err != nil {
		return rag.Answer{}, fmt.Errorf("generate fallback answer after %w: %w", redactErr(cause, g.secret), err)
	}
	a.Notice = FallbackNotice
	return a, nil
}
