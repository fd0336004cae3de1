package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"

	openai "github.com/sashabaranov/go-openai"
)

func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	var req openai.ChatCompletionRequest
	if !s.check(w, r, &req) {
		return
	}
	if req.Model != s.ChatModel {
		s.tb.Errorf("openaitest: chat model %q, want %q", req.Model, s.ChatModel)
	}
	s.mu.Lock()
	s.chatReqs = append(s.chatReqs, req)
	var reply Reply
	if len(s.chat) > 0 {
		reply = s.chat[0]
		if len(s.chat) > 1 {
			s.chat = s.chat[1:]
		}
	}
	s.mu.Unlock()

	if s.fail(w, r, reply) {
		return
	}
	if req.Stream {
		s.stream(w, reply)
		return
	}
	resp := openai.ChatCompletionResponse{ID: "chatcmpl-test", Object: "chat.completion", Model: req.Model}
	if !reply.NoChoices {
		resp.Choices = []openai.ChatCompletionChoice{{
			Message:      openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: reply.Content},
			FinishReason: openai.FinishReasonStop,
		}}
	}
	writeJSON(w, resp)
}

// stream writes reply as server-sent events, the way OpenAI does.
func (s *Server) stream(w http.ResponseWriter, reply Reply) {
	chunks := reply.Chunks
	if chunks == nil {
		chunks = []string{reply.Content}
	}
	w.Header().Set("Content-Type", "text/event-stream")
	flusher, _ := w.(http.Flusher)
	for i, c := range chunks {
		choice := openai.ChatCompletionStreamChoice{Delta: openai.ChatCompletionStreamChoiceDelta{Content: c}}
		if i == len(chunks)-1 && !reply.Cut {
			choice.FinishReason = openai.FinishReasonStop
		}
		b, _ := json.Marshal(openai.ChatCompletionStreamResponse{
			ID: "chatcmpl-test", Object: "chat.completion.chunk",
			Choices: []openai.ChatCompletionStreamChoice{choice},
		})
		fmt.Fprintf(w, "data: %s\n\n", b)
		if flusher != nil {
			flusher.Flush()
		}
	}
	if !reply.Cut {
		fmt.Fprint(w, "data: [DONE]\n\n")
	}
}

func (s *Server) handleEmbeddings(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	if !s.check(w, r, &req) {
		return
	}
	if req.Model != s.EmbeddingModel {
		s.tb.Errorf("openaitest: embedding model %q, want %q", req.Model, s.EmbeddingModel)
	}
	s.mu.Lock()
	s.batches = append(s.batches, req.Input)
	s.inFlight++
	s.maxFlight = max(s.maxFlight, s.inFlight)
	s.notifyLocked()
	gate := s.gate
	var reply Reply
	failing := len(s.embedFails) > 0
	if failing {
		reply, s.embedFails = s.embedFails[0], s.embedFails[1:]
	}
	dims := s.Dims
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()

	if gate != nil {
		select {
		case <-gate:
		case <-r.Context().Done():
			return
		}
	}
	if failing && s.fail(w, r, reply) {
		return
	}
	if dims == 0 {
		dims = 64
	}
	resp := openai.EmbeddingResponse{Object: "list", Model: openai.EmbeddingModel(req.Model)}
	// Last first: a client must order vectors by index, not by position.
	for i := len(req.Input) - 1; i >= 0; i-- {
		resp.Data = append(resp.Data, openai.Embedding{Object: "embedding", Index: i, Embedding: Vector(req.Input[i], dims)})
	}
	writeJSON(w, resp)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
