package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/rag"
)

// median returns the middle of durations, in milliseconds.
func median(d []time.Duration) float64 {
	slices.Sort(d)
	return float64(d[(len(d)-1)/2]) / float64(time.Millisecond)
}

// BenchmarkRecordingAnAnswer measures what recording adds to an answer:
// each iteration answers a question with the real engine and lays out
// its card, alternately without recording and with it (grouping terms,
// user hash, Recorder.Record into SQLite), so that both medians come
// from the same run under the same noise. The recorder's queue is
// written out, untimed, every 64 questions: this measures the answer's
// wait, not the database's throughput.
func BenchmarkRecordingAnAnswer(b *testing.B) {
	ctx := context.Background()
	engine, err := rag.New(ctx, rag.Options{})
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, store.SQLitePath(b.TempDir()))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rec, err := db.NewRecorder(ctx, 1024)
	if err != nil {
		b.Fatal(err)
	}
	defer rec.Close(ctx)
	bot, err := New(engine, testToken, WithCuration(Curation{Store: db, Recorder: rec, Library: engine, DocumentsDir: b.TempDir()}))
	if err != nil {
		b.Fatal(err)
	}
	questions := []string{
		"Que fait INTERPOL contre la cybercriminalité ?",
		"Quels sont les liens entre terrorisme et criminalité organisée ?",
		"Où se trouve le Bureau du Représentant spécial d'INTERPOL auprès des Nations Unies ?",
		"Quelle est la recette de la tarte tatin ?",
	}
	var without, with, recording []time.Duration
	n := 0
	for b.Loop() {
		q := questions[(n/2)%len(questions)] // each question with and without
		recorded := n%2 == 1
		start := time.Now()
		ans, err := engine.Ask(ctx, rag.Question{Text: q})
		if err != nil {
			b.Fatal(err)
		}
		c := card{question: q}
		if recorded {
			r0 := time.Now()
			c.questionID = bot.record(asked{entry: store.EntrySlash, guild: guildID, channel: channelID, user: fmt.Sprint(n), text: q, received: start}, ans)
			recording = append(recording, time.Since(r0))
			if c.questionID == 0 {
				b.Fatal("the recorder dropped a question")
			}
		}
		_ = renderAnswer(ans, c)
		if recorded {
			with = append(with, time.Since(start))
		} else {
			without = append(without, time.Since(start))
		}
		n++
		if n%128 == 0 {
			b.StopTimer()
			if err := rec.Flush(ctx); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
	if len(with) == 0 || len(without) == 0 {
		return
	}
	b.ReportMetric(median(without), "without-p50-ms")
	b.ReportMetric(median(with), "with-p50-ms")
	b.ReportMetric(median(with)-median(without), "added-p50-ms")
	b.ReportMetric(median(recording)*1000, "record-p50-µs")
}

// BenchmarkGapsOver100000Questions runs /lacunes end to end, through the
// real discordgo and the fake Discord, over 100,000 stored questions of
// the last 30 days (30 % refused, 5 % voted down, 20,000 grouping keys
// of Zipf-distributed frequency, a tenth of them near another, 500
// answered by moderators): the time from the command to the edit that
// shows the gaps, which Discord allows after the deferred
// acknowledgement, well within its 3 s.
func BenchmarkGapsOver100000Questions(b *testing.B) {
	c := startCurated(b, "", curatedOptions{})
	start := time.Now()
	seedGaps(b, c, 100_000)
	b.Logf("seeded 100,000 questions in %v", time.Since(start).Round(time.Millisecond))
	mod := moderator("10")
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		i := c.slash(cmdGaps, mod)
		pushed := time.Now()
		c.push(i)
		edit := c.wait(1, isEdit(i))[0]
		lat = append(lat, edit.At.Sub(pushed))
		if !strings.Contains(text(edit.Body), "Lacunes sur les 30 derniers jours") {
			b.Fatalf("/lacunes said %s", text(edit.Body))
		}
		c.fake.Forget()
	}
	b.StopTimer()
	b.ReportMetric(median(lat), "p50-ms")
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)-1])/float64(time.Millisecond), "max-ms")
}

// seedGaps records n questions through the recorder, as the bot would
// have over 30 days, votes down 5 % of them and answers 500 gaps.
func seedGaps(b *testing.B, c *curated, n int) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	termZipf := rand.NewZipf(r, 1.2, 1, 2999)
	keyZipf := rand.NewZipf(r, 1.1, 1, 19_999)
	keys := make([]string, 20_000)
	for i := range keys {
		if i > 0 && r.IntN(10) == 0 { // near the previous key: one more term
			keys[i] = keys[i-1] + fmt.Sprintf(" mot%d", termZipf.Uint64())
			continue
		}
		var terms []string
		for range 2 + r.IntN(5) {
			terms = append(terms, fmt.Sprintf("mot%d", termZipf.Uint64()))
		}
		slices.Sort(terms)
		keys[i] = strings.Join(slices.Compact(terms), " ")
	}
	since := time.Now().Add(-30 * 24 * time.Hour)
	var down []int64
	for i := range n {
		key := keys[keyZipf.Uint64()]
		q := store.Question{
			At: since.Add(time.Duration(i) * 30 * 24 * time.Hour / time.Duration(n)), GuildID: guildID, ChannelID: channelID,
			User: c.db.HashUser(fmt.Sprint(i % 5000)), Text: "Question sur " + key + " ?", Refused: r.IntN(10) < 3,
			Mode: store.ModeOffline, Entry: store.EntrySlash, Duration: time.Millisecond, GroupKey: key,
		}
		for {
			id, err := c.rec.Record(q)
			if errors.Is(err, store.ErrBusy) { // the queue is full: let it drain
				if err := c.rec.Flush(ctx); err != nil {
					b.Fatal(err)
				}
				continue
			}
			if err != nil {
				b.Fatal(err)
			}
			if r.IntN(20) == 0 {
				down = append(down, id)
			}
			break
		}
	}
	if err := c.rec.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	for _, id := range down {
		if _, err := c.rec.RecordVote(ctx, store.Vote{QuestionID: id, User: c.db.HashUser("voter")}); err != nil {
			b.Fatal(err)
		}
	}
	by := store.Moderator{Name: "Modo", User: c.db.HashUser("10")}
	for i := range 500 {
		key := keys[r.IntN(len(keys))]
		if i%2 == 1 {
			key += " motproche"
		}
		if _, err := c.db.AnswerGap(ctx, store.GapAnswer{GapKey: key, Heading: "Question ?", Text: "Réponse.", By: by}); err != nil {
			b.Fatal(err)
		}
	}
}
