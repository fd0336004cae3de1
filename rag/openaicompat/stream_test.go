package openaicompat

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// partials records what a streaming generator shows.
type partials struct {
	mu   sync.Mutex
	seen []string
}

func (p *partials) show(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen = append(p.seen, text)
}

func (p *partials) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// tokens splits s into pieces of n characters or fewer, as a model
// streams.
func tokens(s string, n int) []string {
	var out []string
	r := []rune(s)
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

func streamingGen(t *testing.T) genFixture {
	return newGen(t, func(c *genCfg) { c.cfg.Stream = true })
}

func TestStreamShowsGrowingTextThenFinalAnswer(t *testing.T) {
	f := streamingGen(t)
	reply := "Un premier avertissement est donné en message privé [1]. " +
		"Après trois avertissements, le membre est exclu pour sept jours [2]. " +
		"Les candidatures rouvrent ensuite le premier lundi du mois [3]."
	chunks := tokens(reply, 4)
	f.srv.Script(openaitest.Reply{Chunks: chunks})
	var p partials
	a, err := f.gen.Generate(context.Background(), rag.Question{Text: "Sanctions ?", Partial: p.show}, rag.Evidence{Hits: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	want := "Un premier avertissement est donné en message privé [1]. " +
		"Après trois avertissements, le membre est exclu pour sept jours [1]. " +
		"Les candidatures rouvrent ensuite le premier lundi du mois [2]."
	if a.Text != want || len(a.Sources) != 2 {
		t.Errorf("answer = %+v", a)
	}
	if !f.srv.ChatRequests()[0].Stream {
		t.Error("request did not ask for a stream")
	}
	seen := p.all()
	if len(seen) < 2 || len(seen) > len(chunks)/4 {
		t.Fatalf("%d partial texts for %d chunks: want a few, not one per token", len(seen), len(chunks))
	}
	for i, s := range seen {
		if !strings.HasPrefix(a.Text, s) {
			t.Errorf("partial %d %q is not the start of the final answer", i, s)
		}
		if i > 0 && len(s) <= len(seen[i-1]) {
			t.Errorf("partial %d does not grow", i)
		}
	}
}

func TestStreamHidesRefusalMarker(t *testing.T) {
	f := streamingGen(t)
	f.srv.Script(openaitest.Reply{Chunks: tokens(unknownMarker+" : les extraits ne traitent pas de la météo du jour, désolé.", 3)})
	var p partials
	a, err := f.gen.Generate(context.Background(), rag.Question{Text: "Quel temps fait-il ?", Partial: p.show}, rag.Evidence{Hits: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Refused {
		t.Errorf("answer = %+v, want the refusal", a)
	}
	if seen := p.all(); len(seen) != 0 {
		t.Errorf("marker shown to the user: %q", seen)
	}
}

func TestStreamFailureMidwayIsRetried(t *testing.T) {
	f := streamingGen(t)
	f.srv.Script(
		openaitest.Reply{Chunks: []string{"Après trois ", "avertissements"}, Cut: true},
		openaitest.Reply{Status: http.StatusServiceUnavailable},
		openaitest.Reply{Chunks: tokens("Le membre est exclu pour sept jours [2].", 5)},
	)
	var p partials
	a, err := f.gen.Generate(context.Background(), rag.Question{Text: "Et après ?", Partial: p.show}, rag.Evidence{Hits: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Le membre est exclu pour sept jours [1]." || a.Notice != "" {
		t.Errorf("answer = %+v", a)
	}
	if n := len(f.srv.ChatRequests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestStreamFailingForGoodFallsBack(t *testing.T) {
	f := streamingGen(t)
	f.srv.Script(openaitest.Reply{Chunks: []string{"Après"}, Cut: true})
	var p partials
	a, err := f.gen.Generate(context.Background(), rag.Question{Text: "Et après ?", Partial: p.show}, rag.Evidence{Hits: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != fallbackText || a.Notice != FallbackNotice {
		t.Errorf("answer = %+v, want the fallback", a)
	}
	if n := len(f.srv.ChatRequests()); n != 4 { // MaxRetries 3 by default
		t.Errorf("%d requests, want 4", n)
	}
}

func TestStreamNeedsSomeoneToShowIt(t *testing.T) {
	f := streamingGen(t)
	f.srv.Script(openaitest.Reply{Content: "Exclusion de sept jours [2]."})
	if _, err := f.gen.Generate(context.Background(), rag.Question{Text: "Et après ?"}, rag.Evidence{Hits: testHits()}); err != nil {
		t.Fatal(err)
	}
	if f.srv.ChatRequests()[0].Stream {
		t.Error("streamed although the question has no Partial callback")
	}
}

// A model that thinks aloud (DeepSeek-R1, Qwen3) shows only its answer.
func TestStreamHidesThinking(t *testing.T) {
	f := streamingGen(t)
	reply := "<think>La question porte sur les sanctions ; l'extrait 2 dit sept jours, je vais le citer.</think>" +
		"Après trois avertissements, le membre est exclu pour sept jours [2]."
	f.srv.Script(openaitest.Reply{Chunks: tokens(reply, 3)})
	var p partials
	a, err := f.gen.Generate(context.Background(), rag.Question{Text: "Et après ?", Partial: p.show}, rag.Evidence{Hits: testHits()})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Après trois avertissements, le membre est exclu pour sept jours [1]." {
		t.Errorf("answer = %q", a.Text)
	}
	for _, s := range p.all() {
		if strings.Contains(s, "think") || strings.Contains(s, "je vais") {
			t.Errorf("reasoning shown: %q", s)
		}
	}
	if len(p.all()) == 0 {
		t.Error("no partial text shown")
	}
}
