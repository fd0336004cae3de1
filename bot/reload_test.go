package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

// swapEngine emulates the engine's atomic index swap: a question reads
// the current generation once, a reload replaces it, a failed reload
// leaves it, and a reload asked while another runs returns
// rag.ErrReloadInProgress at once.
type swapEngine struct {
	fakeAnswerer
	reloading sync.Mutex
	gen       atomic.Int64
	fail      atomic.Bool
	started   chan struct{} // one value per question that read its generation
	release   chan struct{} // closed to let questions finish; nil: no wait
	reloads   atomic.Int64
	inside    chan struct{} // closed when a reload has started; then waits on hold
	hold      chan struct{}
}

func newSwapEngine() *swapEngine {
	e := &swapEngine{started: make(chan struct{}, 100)}
	e.gen.Store(1)
	e.ask = func(ctx context.Context, q rag.Question) (rag.Answer, error) {
		g := e.gen.Load()
		e.started <- struct{}{}
		if e.release != nil {
			<-e.release
		}
		return rag.Answer{Text: fmt.Sprintf("Réponse de la génération %d.", g)}, nil
	}
	e.reload = func(ctx context.Context) (rag.ReloadReport, error) {
		if !e.reloading.TryLock() {
			return rag.ReloadReport{}, rag.ErrReloadInProgress
		}
		defer e.reloading.Unlock()
		e.reloads.Add(1)
		if e.inside != nil {
			close(e.inside)
			<-e.hold
		}
		if e.fail.Load() {
			return rag.ReloadReport{}, errors.New("reload: load knowledge: guides/faq.md: invalid UTF-8")
		}
		e.gen.Add(1)
		return rag.ReloadReport{
			DocumentsAdded: []string{"nouveau.md"}, DocumentsChanged: []string{"interpol-onu.txt"},
			ChunksAdded: 4, ChunksRemoved: 1, ChunksKept: 20, Documents: 2, Chunks: 24,
			Themes:   []rag.Theme{{Title: "Antiterrorisme", Chunks: 10}, {Title: "Cybercriminalité", Chunks: 14}},
			Skipped:  []knowledge.Skipped{{Name: "photo.png", Reason: "format non pris en charge"}},
			Duration: 1234 * time.Millisecond,
		}, nil
	}
	return e
}

func TestReloadByModerators(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		who  *discordgo.Member
	}{
		{"manage server", member("10", discordgo.PermissionManageGuild)},
		{"administrator", member("11", discordgo.PermissionAdministrator)},
		{"moderator role", member("12", discordgo.PermissionSendMessages, "555", "777")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := newSwapEngine()
			h := start(t, e, WithModeratorRoles("777"))
			i := h.push(h.slash(cmdReload, c.who))
			ack := h.wait(1, isCallback(i))[0]
			if num(ack.Body, "type") != 5 || num(data(ack), "flags") != ephemeral {
				t.Errorf("acknowledgement %s, want a private deferred response", ack.Raw)
			}
			edit := h.wait(1, isEdit(i))[0]
			if c.name == "manage server" {
				golden(t, "recharger.golden.json", edit.Body["embeds"])
			}
			summary := text(edit.Body)
			for _, want := range []string{"Documents rechargés", "Durée : 1,2 s", "ajoutés : 1, modifiés : 1, supprimés : 0",
				"Passages : 24 — ajoutés : 4, supprimés : 1, inchangés : 20", "• nouveau.md", "Antiterrorisme (10)",
				"photo.png : format non pris en charge"} {
				if !strings.Contains(summary, want) {
					t.Errorf("summary does not say %q:\n%s", want, summary)
				}
			}
			if e.reloads.Load() != 1 {
				t.Errorf("%d reloads, want 1", e.reloads.Load())
			}
		})
	}
}

func TestReloadRefusedToMembers(t *testing.T) {
	t.Parallel()
	e := newSwapEngine()
	h := start(t, e, WithModeratorRoles("777"))
	member := h.push(h.slash(cmdReload, member("13", discordgo.PermissionSendMessages|discordgo.PermissionManageMessages, "555")))
	dm := h.push(h.slash(cmdReload, nil))
	for _, i := range []*discordgo.Interaction{member, dm} {
		resp := h.wait(1, isCallback(i))[0]
		if num(resp.Body, "type") != 4 || num(data(resp), "flags") != ephemeral ||
			str(data(resp), "content") != "Désolé, seuls les modérateurs peuvent recharger les documents." {
			t.Errorf("response %s, want a polite private refusal", resp.Raw)
		}
	}
	if e.reloads.Load() != 0 {
		t.Errorf("%d reloads, want none", e.reloads.Load())
	}
}

func TestFailedReloadKeepsTheOldIndexAndSaysWhy(t *testing.T) {
	t.Parallel()
	e := newSwapEngine()
	e.fail.Store(true)
	h := start(t, e)
	i := h.push(h.slash(cmdReload, member("14", discordgo.PermissionManageGuild)))
	got := str(h.wait(1, isEdit(i))[0].Body, "content")
	for _, want := range []string{"Le rechargement a échoué", "rien n’a changé", "guides/faq.md: invalid UTF-8"} {
		if !strings.Contains(got, want) {
			t.Errorf("failure message %q does not say %q", got, want)
		}
	}
	q := h.ask("15", "Encore là ?")
	if d := str(embeds(h.wait(1, isEdit(q))[0].Body)[0], "description"); d != "Réponse de la génération 1." {
		t.Errorf("after a failed reload the answer is %q, want it from the old index", d)
	}
}

func TestTwoReloadsAtOnceRunOnce(t *testing.T) {
	t.Parallel()
	e := newSwapEngine()
	e.inside, e.hold = make(chan struct{}), make(chan struct{})
	h := start(t, e)
	first := h.push(h.slash(cmdReload, member("16", discordgo.PermissionManageGuild)))
	<-e.inside
	second := h.push(h.slash(cmdReload, member("17", discordgo.PermissionManageGuild)))
	if ack := h.wait(1, isCallback(second))[0]; num(data(ack), "flags") != ephemeral {
		t.Errorf("second reload acknowledged with %s, want privately", ack.Raw)
	}
	got := str(h.wait(1, isEdit(second))[0].Body, "content")
	if got != Explain(rag.ErrReloadInProgress) {
		t.Errorf("second reload got %q, want only 'already in progress'", got)
	}
	close(e.hold)
	h.wait(1, isEdit(first))
	if e.reloads.Load() != 1 {
		t.Errorf("%d reloads ran, want 1", e.reloads.Load())
	}
	if strings.Contains(h.logs.String(), "level=ERROR") {
		t.Errorf("the reload that lost the race was logged as an error:\n%s", h.logs.String())
	}
}

func TestReloadWhileQuestionsAreInFlight(t *testing.T) {
	t.Parallel()
	const n = 8
	e := newSwapEngine()
	e.release = make(chan struct{})
	h := start(t, e, WithConcurrency(n), WithRateLimit(100))
	var asked []*discordgo.Interaction
	for k := range n {
		asked = append(asked, h.ask(fmt.Sprint(100+k), fmt.Sprintf("Question %d ?", k)))
	}
	for range n {
		<-e.started // every question is being answered from generation 1
	}
	r := h.push(h.slash(cmdReload, member("18", discordgo.PermissionManageGuild)))
	if !strings.Contains(text(h.wait(1, isEdit(r))[0].Body), "Documents rechargés") {
		t.Fatalf("reload did not complete while questions were in flight")
	}
	close(e.release)
	var wg sync.WaitGroup
	for _, i := range asked {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := str(embeds(h.wait(1, isEdit(i))[0].Body)[0], "description")
			if d != "Réponse de la génération 1." {
				t.Errorf("question in flight answered %q, want from the index it started with", d)
			}
		}()
	}
	wg.Wait()
	after := h.ask("200", "Et maintenant ?")
	if d := str(embeds(h.wait(1, isEdit(after))[0].Body)[0], "description"); d != "Réponse de la génération 2." {
		t.Errorf("question after the reload answered %q, want from the new index", d)
	}
}
