package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/config"
	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/eval"
)

// TestBuiltInKnowledgeQuality evaluates the built-in knowledge on the
// team's own questions (testdata/interpol.jsonl: paraphrases, missing
// accents, questions it must refuse), with CI's thresholds.
func TestBuiltInKnowledgeQuality(t *testing.T) {
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"eval", "--set", "testdata/interpol.jsonl", "--json",
		"--gate", "hit_at_3>=0.95,answer_pass>=0.90,refusal>=0.80,false_refusal<=0.05"},
		func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
	var rep eval.Report
	if jerr := json.Unmarshal([]byte(stdout.String()), &rep); jerr != nil {
		t.Fatalf("eval output: %v\n%s", jerr, stdout.String())
	}
	for _, r := range rep.Results {
		if !r.Pass {
			t.Logf("failed: %s (rank %d, refused %v): %q", r.ID, r.HitRank, r.Refused, r.Answer)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if rep.Questions != 28 {
		t.Errorf("questions = %d, want 28", rep.Questions)
	}
}

// TestEngineUsesLexicalWeight checks the setting reaches the built index.
func TestEngineUsesLexicalWeight(t *testing.T) {
	tests := []struct {
		env  string
		want float64
	}{
		{"", rag.DefaultLexicalWeight},
		{"0.3", 0.3},
		{"1", 1},
		{"0", 0}, // embeddings alone
	}
	for _, tt := range tests {
		cfg, err := config.FromEnv(func(k string) string {
			if k == "LEXICAL_WEIGHT" {
				return tt.env
			}
			return ""
		})
		if err != nil {
			t.Fatal(err)
		}
		e, err := newEngine(context.Background(), cfg, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Index().LexicalWeight(); got != tt.want {
			t.Errorf("LEXICAL_WEIGHT=%q: index weight %v, want %v", tt.env, got, tt.want)
		}
	}
}
