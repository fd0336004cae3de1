package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/openaicompat"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// End-to-end tests of the OpenAI-compatible mode: run() against the
// in-process fake API of openaitest, configured through the environment
// only, as a user would.
//
// The retry backoff of openaicompat really sleeps (500 ms·2ⁿ, upper half
// random) and run() cannot replace it, so these tests keep
// OPENAI_MAX_RETRIES at 0 or 1: at most one wait of 250–500 ms.

const (
	apiKey         = "sk-e2e-Wq7Rt2-NEVER-PRINT-ME-9f4c"
	apiChatModel   = "mistral-small-latest"
	apiEmbedModel  = "mistral-embed"
	vienneQuestion = "Où se trouve le Bureau du Représentant spécial d'INTERPOL auprès des Nations Unies ?"
)

// apiEnv is the environment of a run against srv: debug logging, so that
// the key check sees every log line, and no retry unless a test says so.
func apiEnv(srv *openaitest.Server, extra env) env {
	e := env{
		"OPENAI_API_KEY":     apiKey,
		"OPENAI_BASE_URL":    srv.URL,
		"OPENAI_MAX_RETRIES": "0",
		"OPENAI_TIMEOUT":     "5s",
		"LOG_LEVEL":          "debug",
	}
	for k, v := range extra {
		e[k] = v
	}
	return e
}

// runAPI runs the program and fails the test if the API key shows
// anywhere the user or a log collector could see it.
func runAPI(t *testing.T, e env, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	stdout, stderr, err = runCLI(t, e, "", args...)
	for what, s := range map[string]string{"stdout": stdout, "stderr": stderr} {
		if strings.Contains(s, apiKey) {
			t.Errorf("the API key appears on %s:\n%s", what, s)
		}
	}
	if err != nil && strings.Contains(err.Error(), apiKey) {
		t.Errorf("the API key appears in the error: %v", err)
	}
	return stdout, stderr, err
}

// excerpt is "[n] (document — section) text" in the prompt's user message.
var excerpt = regexp.MustCompile(`(?s)\[(\d+)\] \((.*?)\) (.*?)\n\n`)

func TestAPIAskCitesAndDropsInventedCitations(t *testing.T) {
	srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	srv.Script(openaitest.Reply{Content: "Le Bureau du Représentant spécial se trouve à Vienne [1]. Il travaille aussi à Genève [9]."})

	out, errOut, err := runAPI(t, apiEnv(srv, env{"CHAT_MODEL": apiChatModel}), "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}

	reqs := srv.ChatRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d chat requests, want 1", len(reqs))
	}
	req := reqs[0]
	if req.Model != apiChatModel {
		t.Errorf("model %q, want %q", req.Model, apiChatModel)
	}
	if len(req.Messages) != 2 || req.Messages[0].Role != openai.ChatMessageRoleSystem || req.Messages[1].Role != openai.ChatMessageRoleUser {
		t.Fatalf("messages: %+v, want a system message then a user message", req.Messages)
	}
	if !strings.Contains(req.Messages[0].Content, "extraits") {
		t.Errorf("system message does not speak of the excerpts:\n%s", req.Messages[0].Content)
	}
	user := req.Messages[1].Content
	if !strings.Contains(user, "<question>\n"+vienneQuestion+"\n</question>") {
		t.Errorf("user message lacks the question:\n%s", user)
	}
	found := excerpt.FindAllStringSubmatch(user, -1)
	if len(found) == 0 {
		t.Fatalf("user message has no numbered excerpt:\n%s", user)
	}
	for i, m := range found {
		if m[1] != strconv.Itoa(i+1) {
			t.Errorf("excerpt %d is numbered [%s]", i+1, m[1])
		}
	}
	if first := found[0]; !strings.Contains(first[3], "Vienne") || !strings.HasPrefix(first[2], "interpol-onu.txt") {
		t.Errorf("excerpt [1] is not the built-in passage on Vienne:\n%s", first[0])
	}

	answer, sources, ok := strings.Cut(out, "\n\nSources :\n")
	if !ok {
		t.Fatalf("no Sources line:\n%s", out)
	}
	if want := "Le Bureau du Représentant spécial se trouve à Vienne [1]. Il travaille aussi à Genève."; answer != want {
		t.Errorf("answer = %q, want %q (the model's text, [1] kept, [9] removed)", answer, want)
	}
	if want := "  [1] interpol-onu.txt — Criminalité organisée et nouvelles formes de criminalité\n"; sources != want {
		t.Errorf("sources = %q, want %q", sources, want)
	}
	if strings.Contains(out, openaicompat.FallbackNotice) {
		t.Errorf("a model answer carries the fallback notice:\n%s", out)
	}
	if !strings.Contains(errOut, "citations removed") {
		t.Errorf("the invented citation was not logged:\n%s", errOut)
	}
}

func TestAPIAskFallsBackWhenTheModelFails(t *testing.T) {
	offline, _, err := runCLI(t, env{}, "", "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	text, sources, ok := strings.Cut(offline, "\n\nSources :\n")
	if !ok {
		t.Fatalf("offline answer has no Sources line:\n%s", offline)
	}
	want := text + "\n\n(" + openaicompat.FallbackNotice + ")\n\nSources :\n" + sources

	for _, retries := range []int{0, 1} {
		t.Run("OPENAI_MAX_RETRIES="+strconv.Itoa(retries), func(t *testing.T) {
			srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
			// A server that echoes the key in its error: the logs must not.
			srv.Script(openaitest.Reply{Status: http.StatusInternalServerError,
				Body: `{"error":{"message":"upstream failure for key ` + apiKey + `"}}`})
			e := apiEnv(srv, env{"CHAT_MODEL": apiChatModel, "OPENAI_MAX_RETRIES": strconv.Itoa(retries)})
			out, errOut, err := runAPI(t, e, "ask", vienneQuestion)
			if err != nil {
				t.Fatal(err)
			}
			if out != want {
				t.Errorf("output:\n%s\nwant the extractive answer with the notice:\n%s", out, want)
			}
			if n := len(srv.ChatRequests()); n != 1+retries {
				t.Errorf("%d attempts, want 1+OPENAI_MAX_RETRIES = %d", n, 1+retries)
			}
			if !strings.Contains(errOut, "language model unavailable") || !strings.Contains(errOut, "500") {
				t.Errorf("the failure is not logged:\n%s", errOut)
			}
		})
	}
}

func TestAPIAskModelDoesNotKnow(t *testing.T) {
	srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	srv.Script(openaitest.Reply{Content: "RÉPONSE_INCONNUE"})
	out, _, err := runAPI(t, apiEnv(srv, env{"CHAT_MODEL": apiChatModel}), "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("%d chat requests, want 1", n)
	}
	if out != rag.RefusalText+"\n" {
		t.Errorf("output = %q, want the refusal alone", out)
	}
}

func TestAPIEvalComparesTheSameQuestions(t *testing.T) {
	offline, _, err := runCLI(t, env{}, "", "eval", "--set", "testdata/mini.jsonl", "--json")
	if err != nil {
		t.Fatal(err)
	}
	srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	srv.Script(openaitest.Reply{Content: "Le Bureau se trouve à Vienne [1] ; INTERPOL est membre de l’ICAT [1]."})
	e := apiEnv(srv, env{"CHAT_MODEL": apiChatModel, "EMBEDDING_MODEL": apiEmbedModel, "CACHE_DIR": t.TempDir()})
	online, _, err := runAPI(t, e, "eval", "--set", "testdata/mini.jsonl", "--json")
	if err != nil {
		t.Fatal(err)
	}

	type report struct {
		keys    []string
		ids     []string
		results [][]string
		raw     map[string]json.RawMessage
	}
	parse := func(out string) report {
		t.Helper()
		if strings.Count(out, "\n") != 1 {
			t.Errorf("not one JSON line:\n%s", out)
		}
		var r report
		if err := json.Unmarshal([]byte(out), &r.raw); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		r.keys = sortedKeys(r.raw)
		var results []map[string]json.RawMessage
		if err := json.Unmarshal(r.raw["results"], &results); err != nil {
			t.Fatal(err)
		}
		for _, res := range results {
			var id string
			_ = json.Unmarshal(res["id"], &id)
			r.ids = append(r.ids, id)
			r.results = append(r.results, sortedKeys(res))
		}
		return r
	}
	off, on := parse(offline), parse(online)
	if !slices.Equal(off.keys, on.keys) {
		t.Errorf("keys with the API %q, offline %q", on.keys, off.keys)
	}
	if !slices.Equal(off.ids, on.ids) || len(on.ids) != 3 {
		t.Errorf("cases with the API %q, offline %q", on.ids, off.ids)
	}
	if !slices.EqualFunc(off.results, on.results, slices.Equal) {
		t.Errorf("result keys with the API %q, offline %q", on.results, off.results)
	}
	if number(t, on.raw["answer_pass"]) != 1 || number(t, on.raw["refusal"]) != 1 {
		t.Errorf("with the scripted model, every case should pass:\n%s", online)
	}
	if !strings.Contains(online, "l’ICAT [1]") {
		t.Errorf("the model's answers are not the ones evaluated:\n%s", online)
	}

	// The model saw the questions of the set, in order; the refusal case
	// was refused before reaching it.
	var asked []string
	for _, r := range srv.ChatRequests() {
		u := r.Messages[len(r.Messages)-1].Content
		_, q, _ := strings.Cut(u, "<question>\n")
		q, _, _ = strings.Cut(q, "\n</question>")
		asked = append(asked, q)
	}
	want := []string{vienneQuestion, "De quel groupe interinstitutions INTERPOL est-il membre ?"}
	if !slices.Equal(asked, want) {
		t.Errorf("questions sent to the model %q, want %q", asked, want)
	}
}

// chunkCount is the number of passages of the built-in knowledge, from
// the themes command.
func chunkCount(t *testing.T) int {
	t.Helper()
	out, _, err := runCLI(t, env{}, "", "themes")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range regexp.MustCompile(`\((\d+) passages?\)`).FindAllStringSubmatch(out, -1) {
		k, _ := strconv.Atoi(m[1])
		n += k
	}
	if n == 0 {
		t.Fatalf("no passage counted in:\n%s", out)
	}
	return n
}

func TestAPIEmbeddingsAreCachedBetweenRuns(t *testing.T) {
	const batch = 4
	chunks := chunkCount(t)
	srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	cache := t.TempDir()
	e := apiEnv(srv, env{"EMBEDDING_MODEL": apiEmbedModel, "CACHE_DIR": cache, "EMBEDDING_BATCH_SIZE": strconv.Itoa(batch)})

	first, _, err := runAPI(t, e, "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(first, "Vienne") {
		t.Errorf("answer lacks Vienne:\n%s", first)
	}
	b := srv.Batches()
	// The probe, the chunks in batches, the question.
	if len(b) < 3 {
		t.Fatalf("%d embedding requests: %q", len(b), b)
	}
	if !slices.Equal(b[0], []string{"test"}) {
		t.Errorf("first request %q, want the probe", b[0])
	}
	if q := b[len(b)-1]; len(q) != 1 || !strings.Contains(q[0], "Bureau du Représentant spécial") {
		t.Errorf("last request %q, want the question alone", q)
	}
	seen := map[string]bool{}
	for _, in := range b[1 : len(b)-1] {
		if len(in) == 0 || len(in) > batch {
			t.Errorf("batch of %d texts, want 1 to EMBEDDING_BATCH_SIZE=%d", len(in), batch)
		}
		for _, s := range in {
			if seen[s] {
				t.Errorf("text embedded twice: %.60q", s)
			}
			seen[s] = true
		}
	}
	if len(seen) != chunks {
		t.Errorf("%d chunk texts embedded, want the %d passages", len(seen), chunks)
	}
	if want := (chunks + batch - 1) / batch; len(b)-2 != want {
		t.Errorf("%d chunk requests, want ⌈%d/%d⌉ = %d", len(b)-2, chunks, batch, want)
	}
	t.Logf("first run: %d embedding requests (probe, %d chunk batches of ≤%d for %d passages, question)", len(b), len(b)-2, batch, chunks)
	files, _ := os.ReadDir(cache)
	if len(files) != 1 || !strings.HasSuffix(files[0].Name(), ".vectors") {
		t.Errorf("cache folder holds %v, want one .vectors file", files)
	}

	srv.ResetCounts()
	second, _, err := runAPI(t, e, "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	b = srv.Batches()
	if len(b) != 2 || !slices.Equal(b[0], []string{"test"}) || len(b[1]) != 1 || seen[b[1][0]] {
		t.Errorf("second run sent %q, want the probe and the question only", b)
	}
	t.Logf("second run: %d embedding requests, %d texts", len(b), len(slices.Concat(b...)))
	if second != first {
		t.Errorf("cached vectors answer differently:\n--- first\n%s\n--- second\n%s", first, second)
	}
}

// closedURL is the base URL of a server that no longer listens.
func closedURL(t *testing.T) string {
	t.Helper()
	s := httptest.NewServer(http.NotFoundHandler())
	s.Close()
	return s.URL + "/v1"
}

func TestAPIEmbeddingsUnreachable(t *testing.T) {
	base := env{
		"OPENAI_API_KEY":     apiKey,
		"OPENAI_BASE_URL":    closedURL(t),
		"EMBEDDING_MODEL":    apiEmbedModel,
		"OPENAI_MAX_RETRIES": "0",
		"OPENAI_TIMEOUT":     "2s",
		"LOG_LEVEL":          "debug",
	}
	t.Run("no fallback", func(t *testing.T) {
		e := env{"CACHE_DIR": t.TempDir()}
		for k, v := range base {
			e[k] = v
		}
		out, _, err := runAPI(t, e, "ask", vienneQuestion)
		if err == nil {
			t.Fatalf("started without embeddings; output:\n%s", out)
		}
		if msg := err.Error(); !strings.Contains(msg, "unreachable") || !strings.Contains(msg, "EMBEDDING_FALLBACK") {
			t.Errorf("err = %q, want it to say unreachable and name EMBEDDING_FALLBACK", msg)
		}
		if out != "" {
			t.Errorf("stdout = %q, want nothing", out)
		}
	})
	t.Run("key in the base URL", func(t *testing.T) {
		// Some gateways take the key as a query parameter; the network
		// error quotes the URL.
		e := env{"CACHE_DIR": t.TempDir(), "OPENAI_BASE_URL": base["OPENAI_BASE_URL"] + "?api_key=" + apiKey}
		for k, v := range base {
			if _, set := e[k]; !set {
				e[k] = v
			}
		}
		_, _, err := runAPI(t, e, "ask", vienneQuestion)
		if err == nil || !strings.Contains(err.Error(), "unreachable") {
			t.Errorf("err = %v, want unreachable", err)
		}
	})
	t.Run("EMBEDDING_FALLBACK=offline", func(t *testing.T) {
		e := env{"CACHE_DIR": t.TempDir(), "EMBEDDING_FALLBACK": "offline"}
		for k, v := range base {
			e[k] = v
		}
		out, errOut, err := runAPI(t, e, "ask", vienneQuestion)
		if err != nil {
			t.Fatal(err)
		}
		offline, _, err := runCLI(t, env{}, "", "ask", vienneQuestion)
		if err != nil {
			t.Fatal(err)
		}
		if out != offline {
			t.Errorf("output:\n%s\nwant the offline answer:\n%s", out, offline)
		}
		if !strings.Contains(errOut, "level=WARN") || !strings.Contains(errOut, "offline embedder") {
			t.Errorf("no warning on stderr:\n%s", errOut)
		}
	})
}

// An API that was reachable once and is gone: the cached vectors index
// the knowledge, and questions, which cannot be embedded, are answered by
// BM25 alone.
func TestAPIEmbeddingsUnreachableWithCache(t *testing.T) {
	srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	e := apiEnv(srv, env{"EMBEDDING_MODEL": apiEmbedModel, "CACHE_DIR": t.TempDir()})
	if _, _, err := runAPI(t, e, "ask", vienneQuestion); err != nil {
		t.Fatal(err)
	}
	srv.Close() // same address, nobody listening: the cache file still matches
	out, errOut, err := runAPI(t, e, "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Vienne") || !strings.Contains(out, "Sources :") {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(errOut, "starting from cached vectors") {
		t.Errorf("no warning on stderr:\n%s", errOut)
	}
}

// The API is gone and the cache holds the vectors of other documents (the
// knowledge changed since): the chunks it lacks cannot be embedded. The
// error must point to EMBEDDING_FALLBACK, and EMBEDDING_FALLBACK=offline
// must start offline rather than fail.
func TestAPIEmbeddingsUnreachableWithStaleCache(t *testing.T) {
	srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	e := apiEnv(srv, env{"EMBEDDING_MODEL": apiEmbedModel, "CACHE_DIR": t.TempDir()})
	if _, _, err := runAPI(t, e, "ask", "--knowledge", "testdata/kb", "Combien de marches compte le phare ?"); err != nil {
		t.Fatal(err)
	}
	srv.Close()

	_, _, err := runAPI(t, e, "ask", vienneQuestion)
	if err == nil || !strings.Contains(err.Error(), "unreachable") || !strings.Contains(err.Error(), "EMBEDDING_FALLBACK") {
		t.Errorf("err = %v, want it to say unreachable and name EMBEDDING_FALLBACK", err)
	}

	e["EMBEDDING_FALLBACK"] = "offline"
	out, errOut, err := runAPI(t, e, "ask", vienneQuestion)
	if err != nil {
		t.Fatalf("EMBEDDING_FALLBACK=offline did not start: %v", err)
	}
	offline, _, err := runCLI(t, env{}, "", "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if out != offline {
		t.Errorf("output:\n%s\nwant the offline answer:\n%s", out, offline)
	}
	if !strings.Contains(errOut, "offline embedder") {
		t.Errorf("no warning on stderr:\n%s", errOut)
	}
}
