package openaicompat

import (
	"context"
	"errors"
	"io"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/interpol-onu/assistant/rag"
)

// partialStep is how much new text (in bytes) a stream must bring before
// the partial answer is shown again. Models send a token at a time; the
// bot edits its reply at most about once a second anyway.
const partialStep = 48

// streamReply makes one streaming attempt, showing the text so far
// through show every partialStep bytes. A stream that ends without a
// finish reason was cut and counts as a failure.
func (g *Generator) streamReply(ctx context.Context, req openai.ChatCompletionRequest, show func(string)) (string, error) {
	stream, err := g.client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return "", err
	}
	defer stream.Close()
	var (
		b        strings.Builder
		finished bool
		shown    int
	)
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		for _, c := range resp.Choices {
			if c.Index != 0 {
				continue
			}
			b.WriteString(c.Delta.Content)
			if c.FinishReason != "" {
				finished = true
			}
		}
		if b.Len()-shown >= partialStep {
			show(b.String())
			shown = b.Len()
		}
	}
	if !finished {
		return "", errCutStream
	}
	text := withoutThinking(b.String())
	if text == "" {
		return "", errEmptyReply
	}
	return text, nil
}

// previewer returns what streamReply calls with the text so far: it
// passes partial the text as the final answer would show it (checked,
// renumbered citations), and nothing while the text is the refusal
// marker or repeats the instructions.
func (g *Generator) previewer(hits []rag.Hit, partial func(string)) func(string) {
	return func(text string) {
		text = withoutThinking(text)
		if strings.Contains(squeeze(text), squeeze(unknownMarker)) || g.leak.leaks(text) {
			return
		}
		text = incompleteCitation.ReplaceAllString(text, "")
		if c := checkCitations(text, hits); c.text != "" {
			partial(c.text)
		}
	}
}
