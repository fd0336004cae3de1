package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
)

// benchEngines runs bench against SQLite and, when TEST_DATABASE_URL is
// set, PostgreSQL.
func benchEngines(b *testing.B, bench func(b *testing.B, e engine)) {
	b.Run("sqlite", func(b *testing.B) { bench(b, sqliteEngine(b)) })
	b.Run("postgres", func(b *testing.B) { bench(b, postgresEngine(b)) })
}

// latencies collects the time of each operation and reports the median
// and the 99th percentile besides the mean that ns/op gives.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	b.ReportMetric(float64(l[(len(l)-1)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(l[(len(l)*99-1)/100].Nanoseconds()), "p99-ns")
}

// BenchmarkRecordQuestion is what recording adds to an answer: one
// question with three sources, in its transaction.
func BenchmarkRecordQuestion(b *testing.B) {
	benchEngines(b, func(b *testing.B, e engine) {
		db := e.open(b)
		ctx := context.Background()
		q := question(db, "123456789012345678", "Quel est le rôle d’INTERPOL auprès des Nations Unies ?", "interpol nation rol uni")
		q.Sources = []store.Source{{Document: "interpol-onu.txt", Section: "Antiterrorisme"},
			{Document: "interpol-onu.txt", Section: "Criminalité organisée"}, {Document: "faq.md", Section: "Rôle"}}
		var l latencies
		for b.Loop() {
			start := time.Now()
			if _, err := db.RecordQuestion(ctx, q); err != nil {
				b.Fatal(err)
			}
			l = append(l, time.Since(start))
		}
		l.report(b)
	})
}

// BenchmarkRecorder is what recording adds to an answer through a
// Recorder: Record's time, the writes being in the background. The queue
// is flushed, untimed, every 32 questions, so that this measures Record
// at the rate of answers, not the database's throughput.
func BenchmarkRecorder(b *testing.B) {
	benchEngines(b, func(b *testing.B, e engine) {
		db := e.open(b)
		ctx := context.Background()
		rec, err := db.NewRecorder(ctx, 1024)
		if err != nil {
			b.Fatal(err)
		}
		q := question(db, "123456789012345678", "Quel est le rôle d’INTERPOL auprès des Nations Unies ?", "interpol nation rol uni")
		q.Sources = []store.Source{{Document: "interpol-onu.txt", Section: "Antiterrorisme"},
			{Document: "interpol-onu.txt", Section: "Criminalité organisée"}, {Document: "faq.md", Section: "Rôle"}}
		var l latencies
		b.ResetTimer()
		for i := range b.N {
			if i%32 == 31 {
				b.StopTimer()
				if err := rec.Flush(ctx); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			start := time.Now()
			if _, err := rec.Record(q); err != nil {
				b.Fatal(err)
			}
			l = append(l, time.Since(start))
		}
		b.StopTimer()
		if err := rec.Close(ctx); err != nil {
			b.Fatal(err)
		}
		l.report(b)
	})
}

// BenchmarkGaps lists the gaps over 100,000 stored questions, all in the
// period: 30 % refused, 5 % voted down, over 20,000 grouping keys of
// Zipf-distributed frequency, a tenth of them near another; moderators
// answered 500 of them, half with a key one term away.
func BenchmarkGaps(b *testing.B) {
	benchEngines(b, func(b *testing.B, e engine) {
		db := gapsFixture(b, e)
		ctx := context.Background()
		var l latencies
		var n int
		for b.Loop() {
			start := time.Now()
			gaps, err := db.Gaps(ctx, time.Time{})
			if err != nil {
				b.Fatal(err)
			}
			l = append(l, time.Since(start))
			n = len(gaps)
		}
		l.report(b)
		b.ReportMetric(float64(n), "gaps")
	})
}

// BenchmarkStats computes the statistics of the same 100,000 questions.
func BenchmarkStats(b *testing.B) {
	benchEngines(b, func(b *testing.B, e engine) {
		db := gapsFixture(b, e)
		ctx := context.Background()
		var l latencies
		for b.Loop() {
			start := time.Now()
			if _, err := db.Stats(ctx, time.Time{}); err != nil {
				b.Fatal(err)
			}
			l = append(l, time.Since(start))
		}
		l.report(b)
	})
}

const fixtureQuestions = 100_000

var fixtures struct {
	sync.Mutex
	dbs      map[string]*store.DB
	cleanups []func()
}

// gapsFixture returns the engine's database of 100,000 questions, built
// once per test process and removed by TestMain.
func gapsFixture(b *testing.B, e engine) *store.DB {
	fixtures.Lock()
	defer fixtures.Unlock()
	if db := fixtures.dbs[e.name]; db != nil {
		return db
	}
	if e.name == "sqlite" {
		dir, err := os.MkdirTemp("", "store-bench-")
		if err != nil {
			b.Fatal(err)
		}
		fixtures.cleanups = append(fixtures.cleanups, func() { os.RemoveAll(dir) })
		e.dsn = store.SQLitePath(dir)
	} else {
		// postgresEngine's schema is dropped when this benchmark ends:
		// make one that lasts until TestMain.
		e.schema = "bench_gaps"
		admin := pgAdmin(b)
		if _, err := admin.Exec(`DROP SCHEMA IF EXISTS bench_gaps CASCADE; CREATE SCHEMA bench_gaps`); err != nil {
			b.Fatal(err)
		}
		fixtures.cleanups = append(fixtures.cleanups, func() { admin.Exec(`DROP SCHEMA bench_gaps CASCADE`) })
		e.dsn = e.dsn[:strings.LastIndex(e.dsn, "search_path=")] + "search_path=bench_gaps"
	}
	db, err := store.Open(context.Background(), e.dsn)
	if err != nil {
		b.Fatal(err)
	}
	fixtures.cleanups = append(fixtures.cleanups, func() { db.Close() })
	start := time.Now()
	if err := seed(db, fixtureQuestions); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: seeded %d questions in %v", e.name, fixtureQuestions, time.Since(start).Round(time.Millisecond))
	if fixtures.dbs == nil {
		fixtures.dbs = map[string]*store.DB{}
	}
	fixtures.dbs[e.name] = db
	return db
}

// seed inserts n questions by batches of multi-row INSERTs, which
// RecordQuestion one by one would take minutes to do over PostgreSQL.
func seed(db *store.DB, n int) error {
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
	user := db.HashUser("bench").String()
	start := time.Now().Add(-30 * 24 * time.Hour).UnixMilli()
	const batch = 1000
	ctx := context.Background()
	for done := 0; done < n; done += batch {
		tx, err := db.SQL().BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		var sb strings.Builder
		sb.WriteString(`INSERT INTO questions (asked_at, guild_id, channel_id, user_hash, text, theme, refused, mode, entry, duration_us, group_key) VALUES `)
		var args []any
		for i := range batch {
			k := keys[keyZipf.Uint64()]
			if i > 0 {
				sb.WriteString(", ")
			}
			if db.Engine() == "sqlite" { // numbered parameters cost n² there
				sb.WriteString("(?, '1', '2', ?, ?, 'Thème', ?, 'offline', 'slash', 1000, ?)")
			} else {
				p := len(args)
				fmt.Fprintf(&sb, "($%d, '1', '2', $%d, $%d, 'Thème', $%d, 'offline', 'slash', 1000, $%d)", p+1, p+2, p+3, p+4, p+5)
			}
			args = append(args, start+int64(done+i)*20_000, user, "Question sur "+k+" ?", r.IntN(10) < 3, k)
		}
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			tx.Rollback()
			return err
		}
		// 5 % of the batch voted down.
		if _, err := tx.ExecContext(ctx, `INSERT INTO votes (question_id, user_hash, value, comment, voted_at)
			SELECT id, 'voter', -1, '', asked_at FROM questions WHERE id > (SELECT MAX(id) - $1 FROM questions) AND id % 20 = 0`,
			batch); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	// Moderators answered 500 of the keys, at random times of the period.
	for i := range 500 {
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO gap_answers
			(gap_key, heading, body, moderator_name, moderator_hash, answered_at) VALUES ($1, 'Q ?', 'R.', 'Modo', 'x', $2)
			ON CONFLICT (gap_key) DO NOTHING`,
			keys[keyZipf.Uint64()]+fmt.Sprintf(" %d", i%2), start+r.Int64N(int64(n)*20_000)); err != nil {
			return err
		}
	}
	_, err := db.SQL().ExecContext(ctx, `ANALYZE`)
	return err
}
