package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/testsupport"
	"github.com/interpol-onu/assistant/rag"
)

// env is a fake environment: only what the test sets.
type env map[string]string

func (e env) get(key string) string { return e[key] }

// runCLI runs the program as a terminal would, with a fake environment.
func runCLI(t *testing.T, e env, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, e.get, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testsupport.Golden(t, filepath.Join("testdata", name), got)
}

func TestAskDefaultKnowledge(t *testing.T) {
	out, _, err := runCLI(t, env{}, "", "ask", "Où se trouve le Bureau du Représentant spécial d'INTERPOL auprès des Nations Unies ?")
	if err != nil {
		t.Fatal(err)
	}
	answer, sources, ok := strings.Cut(out, "\nSources :\n")
	if !ok {
		t.Fatalf("no Sources line:\n%s", out)
	}
	if !strings.Contains(answer, "Vienne") {
		t.Errorf("answer lacks Vienne:\n%s", answer)
	}
	if want := "  [1] interpol-onu.txt — Criminalité organisée et nouvelles formes de criminalité\n"; !strings.HasPrefix(sources, want) {
		t.Errorf("sources:\n%s\nwant first:\n%s", sources, want)
	}
}

func TestAskWordsAfterFlagsAreOneQuestion(t *testing.T) {
	out, _, err := runCLI(t, env{}, "", "ask", "Où", "se", "trouve", "le", "Bureau", "du", "Représentant", "spécial", "?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Vienne") {
		t.Errorf("answer lacks Vienne:\n%s", out)
	}
}

func TestThemes(t *testing.T) {
	out, _, err := runCLI(t, env{}, "", "themes")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "\n"); n != 5 {
		t.Errorf("%d lines, want the 5 themes:\n%s", n, out)
	}
	golden(t, "themes.golden", out)
}

func TestAskFixtureKnowledge(t *testing.T) {
	for _, e := range []struct {
		name string
		env  env
		args []string
	}{
		{"flag", env{}, []string{"ask", "--knowledge", "testdata/kb", "Combien de marches compte le phare ?"}},
		{"environment", env{"KNOWLEDGE_DIR": "testdata/kb"}, []string{"ask", "Combien de marches compte le phare ?"}},
		{"flag over environment", env{"KNOWLEDGE_DIR": "nowhere"}, []string{"ask", "--knowledge=testdata/kb", "Combien de marches compte le phare ?"}},
	} {
		t.Run(e.name, func(t *testing.T) {
			out, _, err := runCLI(t, e.env, "", e.args...)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "ask_kb.golden", out)
		})
	}
}

func TestAskThemeFlag(t *testing.T) {
	// The theme is found as Discord finds it: exactly, ignoring case,
	// accents and apostrophes, or by a unique start; and the flag may
	// come after the question.
	for _, args := range [][]string{
		{"--theme", "Les gardiens du phare", "Qui a quitté le phare en 1991 ?"},
		{"--theme", "LES GARDIENS DU PHARE", "Qui a quitté le phare en 1991 ?"},
		{"--theme", "les gardiens", "Qui a quitté le phare en 1991 ?"},
		{"Qui a quitté le phare en 1991 ?", "--theme", "Les gardiens du phare"},
	} {
		out, _, err := runCLI(t, env{}, "", append([]string{"ask", "--knowledge", "testdata/kb"}, args...)...)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if !strings.Contains(out, "Yves Le Goff") || strings.Contains(out, "Automatisation") {
			t.Errorf("%q: answer:\n%s", args, out)
		}
	}
	for _, theme := range []string{"Piscine", "c", ""} { // unknown; the start of several
		out, _, err := runCLI(t, env{}, "", "ask", "--knowledge", "testdata/kb", "--theme", theme, "Qui a quitté le phare ?")
		if theme == "" { // no theme: the question is asked over all of them
			if err != nil {
				t.Errorf("--theme \"\": %v", err)
			}
			continue
		}
		if err == nil {
			t.Fatalf("--theme %q: no error (output %q)", theme, out)
		}
		if msg := err.Error(); !strings.Contains(msg, "Je ne connais pas ce thème") || !strings.Contains(msg, "assistant themes") || strings.Contains(msg, "/themes") {
			t.Errorf("--theme %q: %q, want a French message naming the CLI command", theme, msg)
		}
	}
}

func TestAskFlagsAnywhere(t *testing.T) {
	// A flag after the question is a flag, not words of the question.
	_, _, err := runCLI(t, env{}, "", "ask", "Combien de marches compte le phare ?", "--knowledge", "/nonexistent")
	if err == nil || !strings.Contains(err.Error(), "/nonexistent") {
		t.Errorf("--knowledge after the question: err = %v, want the missing folder", err)
	}
	// -- ends the flags: what follows is the question, dashes included.
	out, _, err := runCLI(t, env{}, "", "ask", "--knowledge", "testdata/kb", "--", "--theme", "Combien de marches compte le phare ?")
	if err != nil || !strings.Contains(out, "263 marches") {
		t.Errorf("after --: %q, %v", out, err)
	}
	_, _, err = runCLI(t, env{}, "", "ask", "--bavard", "Combien de marches ?")
	if !errors.Is(err, errUsage) {
		t.Errorf("unknown flag: err = %v, want a usage error", err)
	}
	_, _, err = runCLI(t, env{}, "", "themes", "de", "trop")
	if !errors.Is(err, errUsage) {
		t.Errorf("themes with arguments: err = %v, want a usage error", err)
	}
}

func TestAskRefuses(t *testing.T) {
	out, _, err := runCLI(t, env{}, "", "ask", "--knowledge", "testdata/kb", "Quelle est la capitale de l'Australie ?")
	if err != nil {
		t.Fatal(err)
	}
	if out != rag.RefusalText+"\n" {
		t.Errorf("output = %q, want the refusal alone", out)
	}
}

func TestAskBadQuestion(t *testing.T) {
	tests := []struct {
		name, q, want string
	}{
		{"empty", "", "Votre question est vide."},
		{"white space", " \t\n ", "Votre question est vide."},
		{"no words", "?!… 🤔", "Je ne trouve aucun mot"},
		{"zero-width only", "\u200b", "Votre question est vide."},
		{"too long", strings.Repeat("a", 100_000), "Votre question est trop longue (100000 caractères) : 4000 caractères au maximum."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, env{}, "", "ask", "--knowledge", "testdata/kb", tt.q)
			var ue *userError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want the user's mistake (a non-zero exit)", err)
			}
			if !strings.HasPrefix(ue.msg, tt.want) || strings.Contains(ue.msg, "/question") {
				t.Errorf("message = %q, want it to start with %q and name no Discord command", ue.msg, tt.want)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
		})
	}
}

func TestAskQuotesControlCharactersInSources(t *testing.T) {
	var b strings.Builder
	printAnswer(&b, rag.Answer{Text: "Oui. [1]", Sources: []rag.Source{
		{Document: "faux\n  [2] nom.txt", Section: "Titre\u202e"},
		{Document: "guide.md", Section: "Accès"},
	}})
	out := b.String()
	if strings.Count(out, "\n") != 5 || !strings.Contains(out, `"faux\n  [2] nom.txt"`) || !strings.Contains(out, `"Titre\u202e"`) {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(out, "  [2] guide.md — Accès\n") {
		t.Errorf("a plain name was quoted:\n%s", out)
	}
}

func TestChat(t *testing.T) {
	script := "Combien de marches compte le phare ?\n" +
		"qui a dessine les plans du phare\n" +
		"/themes\n" +
		"/aide\n" +
		strings.Repeat("phare ", 20_000) + "\n" +
		"?!\n" +
		"Quelle est la capitale de l'Australie ?\n"
	out, _, err := runCLI(t, env{}, script, "chat", "--knowledge", "testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "chat.golden", out)
	for _, want := range []string{"263 marches", "Léonce Reynaud", "- Club d’échecs du Vieux-Port (4 passages)", "Je ne trouve aucun mot", rag.RefusalText} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q", want)
		}
	}
}

// TestChatStopsAtInterrupt: Ctrl-C at the prompt ends the session, even
// though the terminal never closes its input.
func TestChatStopsAtInterrupt(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"chat", "--knowledge", "testdata/kb"}, env{}.get, pr, &out, &errOut)
	}()
	if _, err := io.WriteString(pw, "Combien de marches compte le phare ?\n"); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("chat after Ctrl-C: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("chat still waits for input after Ctrl-C")
	}
}

func TestChatStops(t *testing.T) {
	for _, tt := range []struct{ name, script string }{
		{"empty line", "Combien de marches compte le phare ?\n\nQui a dessiné les plans du phare ?\n"},
		{"quit", "Combien de marches compte le phare ?\n/quit\nQui a dessiné les plans du phare ?\n"},
		{"no final newline", "Combien de marches compte le phare ?"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runCLI(t, env{}, tt.script, "chat", "--knowledge", "testdata/kb")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, "263 marches") || strings.Contains(out, "Reynaud") {
				t.Errorf("output:\n%s", out)
			}
		})
	}
	// A line longer than the scanner's buffer ends the chat politely.
	out, _, err := runCLI(t, env{}, strings.Repeat("a", 2<<20)+"\n", "chat", "--knowledge", "testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Ligne trop longue") {
		t.Errorf("output:\n%.300s", out)
	}
}

func TestEvalJSON(t *testing.T) {
	out, _, err := runCLI(t, env{}, "", "eval", "--set", "testdata/mini.jsonl", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "\n") != 1 {
		t.Errorf("not one JSON line:\n%s", out)
	}
	var rep map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	wantKeys := []string{"answer_pass", "false_refusal", "hit_at_1", "hit_at_3", "hit_at_5", "mrr", "p50_ms", "p95_ms", "questions", "refusal", "results"}
	if got := sortedKeys(rep); !slices.Equal(got, wantKeys) {
		t.Errorf("keys %q, want %q", got, wantKeys)
	}
	var results []map[string]json.RawMessage
	if err := json.Unmarshal(rep["results"], &results); err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 {
		t.Fatalf("%d results, want 3", len(results))
	}
	wantResultKeys := []string{"answer", "hit_rank", "id", "ms", "pass", "refused"}
	for _, r := range results {
		if got := sortedKeys(r); !slices.Equal(got, wantResultKeys) {
			t.Errorf("result keys %q, want %q", got, wantResultKeys)
		}
	}
	var metrics struct {
		HitAt1, AnswerPass, Refusal float64
		Questions                   int
	}
	metrics.HitAt1 = number(t, rep["hit_at_1"])
	metrics.AnswerPass = number(t, rep["answer_pass"])
	metrics.Refusal = number(t, rep["refusal"])
	if metrics.HitAt1 != 1 || metrics.AnswerPass != 1 || metrics.Refusal != 1 || number(t, rep["questions"]) != 3 {
		t.Errorf("metrics:\n%s", out)
	}
	if !strings.Contains(out, "Vienne") || strings.Contains(out, `\u00`) {
		t.Errorf("answers not in plain UTF-8:\n%s", out)
	}
}

func number(t *testing.T, raw json.RawMessage) float64 {
	t.Helper()
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatalf("%s is not a number", raw)
	}
	return f
}

func sortedKeys(m map[string]json.RawMessage) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestEvalTable(t *testing.T) {
	out, _, err := runCLI(t, env{}, "", "eval", "--set", "testdata/mini.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"vienne", "capitale", "questions      3", "hit_at_1       1.000", "refusal        1.000"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalBadSet(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"id":"a","question":"q","kind":"refuse"}`+"\n"+`{oops`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, env{}, "", "eval", "--set", bad)
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err = %v, want the file and line 2", err)
	}
	missing := filepath.Join(dir, "absent.jsonl")
	_, _, err = runCLI(t, env{}, "", "eval", "--set", missing)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing set: err = %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in the error
	}{
		{"no command", nil, "no command"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"ask without question", []string{"ask"}, "ask needs a question"},
		{"eval without set", []string{"eval"}, "eval needs --set"},
		{"unknown flag", []string{"ask", "--verbose", "Où ?"}, "verbose"},
		{"flag without value", []string{"ask", "--knowledge"}, "knowledge"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := runCLI(t, env{}, "", tt.args...)
			if !errors.Is(err, errUsage) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
			if !strings.Contains(errOut, "Utilisation :") {
				t.Errorf("usage not on stderr: %q", errOut)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"help", "-h", "--help"} {
		out, errOut, err := runCLI(t, env{}, "", arg)
		if err != nil || !strings.Contains(out, "Utilisation :") || errOut != "" {
			t.Errorf("%s: err %v, stdout %q, stderr %q", arg, err, out, errOut)
		}
	}
}

func TestMissingKnowledgeDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "introuvable")
	for _, tt := range []struct {
		name string
		env  env
		args []string
	}{
		{"flag", env{}, []string{"ask", "--knowledge", dir, "Où ?"}},
		{"environment", env{"KNOWLEDGE_DIR": dir}, []string{"themes"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCLI(t, tt.env, "", tt.args...)
			if err == nil || !strings.Contains(err.Error(), dir) {
				t.Errorf("err = %v, want it to name %s", err, dir)
			}
		})
	}
	// A folder without documents.
	empty := t.TempDir()
	_, _, err := runCLI(t, env{}, "", "themes", "--knowledge", empty)
	if err == nil {
		t.Error("an empty knowledge folder was accepted")
	}
}

func TestBadEnvironment(t *testing.T) {
	for _, tt := range []struct {
		key, value string
	}{
		{"CHUNK_SIZE", "abc"},
		{"CHUNK_SIZE", "5"},
		{"CHUNK_OVERLAP", "-1"},
		{"LOG_LEVEL", "bavard"},
	} {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			_, _, err := runCLI(t, env{tt.key: tt.value}, "", "themes")
			if err == nil || !strings.Contains(err.Error(), tt.key) {
				t.Errorf("err = %v, want it to name %s", err, tt.key)
			}
		})
	}
}

func TestChunkSizeFromEnvironment(t *testing.T) {
	small, _, err := runCLI(t, env{"CHUNK_SIZE": "100", "CHUNK_OVERLAP": "0"}, "", "themes", "--knowledge", "testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	normal, _, err := runCLI(t, env{}, "", "themes", "--knowledge", "testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	if small == normal {
		t.Errorf("CHUNK_SIZE=100 made no difference:\n%s", small)
	}
}

func TestServeWithoutToken(t *testing.T) {
	_, _, err := runCLI(t, env{}, "", "serve")
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("err = %v, want it to name DISCORD_TOKEN", err)
	}
}
