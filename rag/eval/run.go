package eval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/french"
)

// Asker is what an evaluation needs of the engine.
type Asker interface {
	Ask(ctx context.Context, q rag.Question) (rag.Answer, error)
	// Search returns the k passages that best match a question, best first.
	Search(ctx context.Context, q rag.Question, k int) ([]rag.Hit, error)
	// Headings lists every section title of the knowledge.
	Headings() []string
}

// Result is the outcome of one case.
type Result struct {
	ID      string  `json:"id"`
	Refused bool    `json:"refused"`
	HitRank int     `json:"hit_rank"` // 1-based rank of the first relevant chunk, 0 if none in the first 10
	Pass    bool    `json:"pass"`
	Ms      float64 `json:"ms"`
	Answer  string  `json:"answer"`
}

// Report holds the metrics of an evaluation run; its JSON form has
// exactly the keys of the evaluation contract.
type Report struct {
	HitAt1       float64  `json:"hit_at_1"`
	HitAt3       float64  `json:"hit_at_3"`
	HitAt5       float64  `json:"hit_at_5"`
	MRR          float64  `json:"mrr"`
	AnswerPass   float64  `json:"answer_pass"`
	FalseRefusal float64  `json:"false_refusal"`
	Refusal      float64  `json:"refusal"`
	P50Ms        float64  `json:"p50_ms"`
	P95Ms        float64  `json:"p95_ms"`
	Questions    int      `json:"questions"`
	Results      []Result `json:"results"`

	// Answerable and Unanswerable count the cases of each kind: a metric
	// over a kind the set lacks is not measured.
	Answerable, Unanswerable int `json:"-"`
	// UnknownSections names the expected sections ("case: section") that
	// no heading of the knowledge matches: such a case can never hit.
	UnknownSections []string `json:"-"`
}

// rankDepth is how deep ranks are read: a hit past it counts as none.
const rankDepth = 10

// Options change how a set is run.
type Options struct {
	// IgnoreHistory asks the last turn of a conversation alone, as if the
	// engine kept no conversation: the baseline for follow-ups.
	IgnoreHistory bool
}

// Run asks every question of the set and scores the answers. Ranks come
// from a separate search, which is not part of the timing. A question the
// engine declines as malformed (empty, no words, too long) counts as
// refused. A case with a history is a conversation: its earlier questions
// are asked in turn, each with the turns before it, as a bot keeping the
// conversation would, and the last turn is scored.
func Run(ctx context.Context, a Asker, cases []Case, opts ...Options) (Report, error) {
	var opt Options
	if len(opts) > 0 {
		opt = opts[0]
	}
	var rep Report
	var passed, falseRefusals, refused, hit1, hit3, hit5 int
	var rr float64
	var times []float64
	headings := make(map[string]bool)
	for _, h := range a.Headings() {
		headings[french.FoldForMatch(h)] = true
	}
	for _, c := range cases {
		res, err := runCase(ctx, a, c, opt)
		if err != nil {
			return rep, fmt.Errorf("case %s: %w", c.ID, err)
		}
		times = append(times, res.Ms)
		switch c.Kind {
		case KindAnswer:
			rep.Answerable++
			if r := res.HitRank; r > 0 {
				rr += 1 / float64(r)
				hit1 += b2i(r <= 1)
				hit3 += b2i(r <= 3)
				hit5 += b2i(r <= 5)
			}
			passed += b2i(res.Pass)
			falseRefusals += b2i(res.Refused)
			for _, s := range c.Sections {
				if !headings[french.FoldForMatch(s)] {
					rep.UnknownSections = append(rep.UnknownSections, c.ID+": "+s)
				}
			}
		case KindRefuse:
			rep.Unanswerable++
			refused += b2i(res.Pass)
		}
		rep.Results = append(rep.Results, res)
	}
	rep.Questions = len(cases)
	rep.HitAt1, rep.HitAt3, rep.HitAt5 = share(hit1, rep.Answerable), share(hit3, rep.Answerable), share(hit5, rep.Answerable)
	rep.MRR = rr / math.Max(1, float64(rep.Answerable))
	rep.AnswerPass = share(passed, rep.Answerable)
	rep.FalseRefusal = share(falseRefusals, rep.Answerable)
	rep.Refusal = share(refused, rep.Unanswerable)
	rep.P50Ms, rep.P95Ms = percentile(times, 0.50), percentile(times, 0.95)
	return rep, nil
}

func runCase(ctx context.Context, a Asker, c Case, opt Options) (Result, error) {
	q := rag.Question{Text: c.Question}
	if !opt.IgnoreHistory {
		history, err := converse(ctx, a, c.History)
		if err != nil {
			return Result{}, err
		}
		q.History = history
	}
	start := time.Now()
	ans, err := a.Ask(ctx, q)
	ms := float64(time.Since(start).Microseconds()) / 1000
	if isQuestionError(err) {
		// The bot declines such a question: it counts as a refusal.
		ans, err = rag.Answer{Text: err.Error(), Refused: true}, nil
	}
	if err != nil {
		return Result{}, err
	}
	res := Result{ID: c.ID, Refused: ans.Refused, Ms: ms, Answer: ans.Text}
	excluded := !containsAny(ans.Text, c.MustExclude)
	switch c.Kind {
	case KindAnswer:
		hits, err := a.Search(ctx, q, rankDepth)
		if err != nil && !isQuestionError(err) {
			return Result{}, err
		}
		res.HitRank = hitRank(hits, c.Sections)
		res.Pass = !ans.Refused && includesAll(ans.Text, c.MustInclude) && excluded
	case KindRefuse:
		res.Pass = ans.Refused && excluded
	}
	return res, nil
}

// isQuestionError reports the errors that a question itself causes.
func isQuestionError(err error) bool {
	var tooLong *rag.TooLongError
	return errors.Is(err, rag.ErrEmptyQuestion) || errors.Is(err, rag.ErrNoWords) || errors.As(err, &tooLong)
}

// hitRank is the 1-based rank of the first chunk under one of sections.
func hitRank(hits []rag.Hit, sections []string) int {
	for i, h := range hits {
		for _, t := range h.Chunk.Trail {
			for _, s := range sections {
				if french.FoldForMatch(t) == french.FoldForMatch(s) {
					return i + 1
				}
			}
		}
	}
	return 0
}

func includesAll(text string, groups [][]string) bool {
	for _, g := range groups {
		if !containsAny(text, g) {
			return false
		}
	}
	return true
}

func containsAny(text string, alternatives []string) bool {
	t := french.FoldForMatch(text)
	for _, a := range alternatives {
		if strings.Contains(t, french.FoldForMatch(a)) {
			return true
		}
	}
	return false
}

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// percentile uses the nearest-rank method.
func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// converse asks the questions of a conversation in turn and returns the
// turns a bot would keep: each answer's Understood question and its text.
func converse(ctx context.Context, a Asker, questions []string) ([]rag.Turn, error) {
	var turns []rag.Turn
	for _, text := range questions {
		ans, err := a.Ask(ctx, rag.Question{Text: text, History: slices.Clone(turns)})
		if isQuestionError(err) {
			turns = append(turns, rag.Turn{Question: text})
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("history %q: %w", text, err)
		}
		understood := ans.Understood
		if understood == "" {
			understood = text
		}
		turns = append(turns, rag.Turn{Question: understood, Answer: ans.Text})
	}
	return turns, nil
}
