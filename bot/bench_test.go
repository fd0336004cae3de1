package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/rag"
)

// BenchmarkAcknowledge200 pushes 200 /question interactions through the
// fake gateway at once, answered by the real engine, and measures the
// time from each dispatch to the fake receiving its deferred
// acknowledgement. The fake refuses acknowledgements later than 3 s, and
// every question must be answered.
func BenchmarkAcknowledge200(b *testing.B) {
	const n = 200
	engine, err := rag.New(context.Background(), rag.Options{})
	if err != nil {
		b.Fatal(err)
	}
	h := start(b, engine, WithRateLimit(1000))
	questions := []string{
		"Que fait INTERPOL contre la cybercriminalité ?",
		"Quels sont les liens entre terrorisme et criminalité organisée ?",
		"Qu’est-ce que le Pacte mondial de coordination contre le terrorisme ?",
		"Quelle est la recette de la tarte tatin ?",
	}
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		batch := make([]*discordgo.Interaction, n)
		for k := range batch {
			batch[k] = h.slash(cmdQuestion, member(fmt.Sprint(k), 0), stringOpt(optText, questions[k%len(questions)]))
		}
		for _, i := range batch {
			if err := h.fake.Interaction(i); err != nil {
				b.Fatal(err)
			}
		}
		ids := map[string]bool{}
		for _, i := range batch {
			ids[i.ID] = true
		}
		acks := h.wait(n, func(r fakediscord.Request) bool {
			parts := strings.Split(r.Path, "/") // /api/v9/interactions/{id}/{token}/callback
			return len(parts) == 7 && parts[3] == "interactions" && ids[parts[4]]
		})
		for _, ack := range acks {
			if ack.Status != 204 || num(ack.Body, "type") != 5 {
				b.Fatalf("acknowledgement %d %s, want a deferred response within 3 s", ack.Status, ack.Raw)
			}
			lat = append(lat, ack.At.Sub(h.fake.Pushed(strings.Split(ack.Path, "/")[4])))
		}
		answers := h.wait(n, func(r fakediscord.Request) bool { return r.Method == "PATCH" && r.Status == 200 })
		for _, a := range answers {
			assertNoMentions(b, a)
			if len(embeds(a.Body)) != 1 {
				b.Fatalf("answer without embed: %s", a.Raw)
			}
		}
		h.fake.Forget()
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(pct(0.50), "ack-p50-ms")
	b.ReportMetric(pct(0.99), "ack-p99-ms")
	b.ReportMetric(pct(1), "ack-max-ms")
}
