package rag

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag/french"
)

// Options configures an Engine.
type Options struct {
	// Knowledge is the folder of documents, read again on every reload.
	Knowledge fs.FS
	Chunking  ChunkOptions
	Index     IndexOptions
	// Generator composes answers; the offline Extractive one if nil.
	Generator Generator
	// MaxQuestionChars bounds questions; DefaultMaxQuestionChars if zero.
	MaxQuestionChars int
	// MinCoverage is the share of a question that the evidence must
	// cover for the engine to answer; DefaultMinCoverage if zero.
	MinCoverage float64
	// TopK is the number of passages retrieved; 5 if zero.
	TopK int
	// Rewriter, if set, rewrites follow-ups and questions asked in another
	// language into standalone French questions before retrieval; when it
	// fails, the engine completes follow-ups itself.
	Rewriter Rewriter
	// Logger records what the engine survives without failing a question
	// (an embedding API that failed for one); discarded if nil.
	Logger *slog.Logger
	// Observer is told of retrievals, loads and reloads, for metrics;
	// nothing is if nil.
	Observer Observer
}

// DefaultMaxQuestionChars is generous: the bot applies its own, lower limit.
const DefaultMaxQuestionChars = 4000

// DefaultMinCoverage is the refusal threshold on evidence coverage.
const DefaultMinCoverage = 0.25

// Engine answers questions from a knowledge folder. It is safe for
// concurrent use; Reload swaps a new index in atomically, and questions
// asked meanwhile are answered from the previous one.
type Engine struct {
	opt      Options
	state    atomic.Pointer[state]
	reloadMu sync.Mutex
}

// state is one consistent generation of the knowledge.
type state struct {
	index   *Index
	docs    map[string][]string // document → chunk hashes
	skipped []knowledge.Skipped
}

// withDefaults fills the options left zero with their defaults.
func (opt Options) withDefaults() Options {
	if opt.Knowledge == nil {
		opt.Knowledge = knowledge.Default()
	}
	if opt.Generator == nil {
		opt.Generator = Extractive{}
	}
	if opt.Index.Embedder == nil {
		opt.Index.Embedder = NewHashEmbedder(0)
	}
	if opt.MaxQuestionChars <= 0 {
		opt.MaxQuestionChars = DefaultMaxQuestionChars
	}
	if opt.MinCoverage == 0 {
		opt.MinCoverage = DefaultMinCoverage
	}
	if opt.TopK <= 0 {
		opt.TopK = 5
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Observer == nil {
		opt.Observer = noObserver{}
	}
	return opt
}

// New loads the knowledge and builds the first index.
func New(ctx context.Context, opt Options) (*Engine, error) {
	opt = opt.withDefaults()
	e := &Engine{opt: opt}
	st, err := e.build(ctx, nil)
	if err != nil {
		return nil, err
	}
	e.state.Store(st)
	opt.Observer.Loaded(len(st.docs), len(st.index.chunks))
	return e, nil
}

// build loads the knowledge and indexes it. When old is set (a reload), a
// document that old answered from and that can no longer be read fails
// the build: a reload must not silently drop knowledge.
func (e *Engine) build(ctx context.Context, old *state) (*state, error) {
	docs, skipped, err := knowledge.Load(e.opt.Knowledge)
	if err != nil {
		return nil, fmt.Errorf("load knowledge: %w", err)
	}
	if old != nil {
		var broken []knowledge.Skipped
		for _, s := range skipped {
			// An emptied document is taken as removed on purpose.
			if _, was := old.docs[s.Name]; was && !errors.Is(s.Err, knowledge.ErrEmpty) {
				broken = append(broken, s)
			}
		}
		if len(broken) > 0 {
			return nil, &BrokenDocumentsError{Documents: broken}
		}
	}
	chunks := ChunkDocuments(docs, e.opt.Chunking)
	ix, err := Build(ctx, chunks, e.opt.Index)
	if err != nil {
		return nil, err
	}
	st := &state{index: ix, docs: make(map[string][]string), skipped: skipped}
	for _, c := range chunks {
		st.docs[c.Document] = append(st.docs[c.Document], c.Hash)
	}
	return st, nil
}

// Index returns the index questions are currently answered from.
func (e *Engine) Index() *Index { return e.state.Load().index }

// Skipped lists the files the last successful load could not use.
func (e *Engine) Skipped() []knowledge.Skipped {
	return append([]knowledge.Skipped(nil), e.state.Load().skipped...)
}

// Themes returns the knowledge's top-level sections.
func (e *Engine) Themes() []Theme { return e.state.Load().index.Themes() }

// Ask answers a question, or refuses when the knowledge does not cover it.
// Bad questions get the errors of Check, or ErrUnknownTheme.
func (e *Engine) Ask(ctx context.Context, q Question) (Answer, error) {
	text, err := e.clean(q.Text)
	if err != nil {
		return Answer{}, err
	}
	q.Text = text
	ix := e.state.Load().index
	r := e.read(ctx, ix, q)
	start := time.Now()
	res, err := ix.Retrieve(ctx, r, SearchOptions{K: e.opt.TopK, Theme: q.Theme})
	if err != nil {
		return Answer{}, fmt.Errorf("search: %w", err)
	}
	e.opt.Observer.Retrieved(time.Since(start))
	if res.NotEmbedded != nil {
		e.opt.Logger.Warn("question not embedded: retrieved by BM25 alone", "err", res.NotEmbedded)
	}
	a, err := e.compose(ctx, q, ix, r, res.Hits)
	if err != nil {
		return Answer{}, err
	}
	a.NotEmbedded = res.NotEmbedded != nil
	a.Understood = r.Understood()
	return a, nil
}

// rewriteBudget bounds the time a rewrite may take out of a question's.
const rewriteBudget = 15 * time.Second

// read reads a question, in the light of its conversation. A follow-up or
// a question in English is first rewritten by the Rewriter, when there is
// one, into a standalone French question; if that fails, the engine
// completes a follow-up itself (ReadInContext).
func (e *Engine) read(ctx context.Context, ix *Index, q Question) *Reading {
	if e.opt.Rewriter != nil && (len(q.History) > 0 || french.IsEnglish(q.Text)) {
		rctx, cancel := context.WithTimeout(ctx, rewriteBudget)
		standalone, err := e.opt.Rewriter.Rewrite(rctx, q)
		cancel()
		if err == nil {
			if text, cerr := e.clean(standalone); cerr == nil {
				return ix.Read(text)
			}
		}
		e.opt.Logger.Warn("question not rewritten: completed offline", "err", err)
	}
	return ix.ReadInContext(q.Text, q.History)
}

// compose refuses when the best passages do not cover the question, and
// otherwise has the generator answer from them.
func (e *Engine) compose(ctx context.Context, q Question, ix *Index, r *Reading, hits []Hit) (Answer, error) {
	best := hits[:min(len(hits), passagesRead)]
	if ix.refusal(r, best, e.opt.MinCoverage) != "" {
		a := Refusal(hits)
		if r.English {
			a.Text = EnglishRefusalText
		}
		return a, nil
	}
	a, err := e.opt.Generator.Generate(ctx, q, Evidence{Reading: r, Hits: hits})
	if err != nil {
		return Answer{}, fmt.Errorf("generate answer: %w", err)
	}
	if a.Hits == nil {
		a.Hits = hits
	}
	return a, nil
}

// Search returns the k passages that best match a question, best first,
// as Ask retrieves them (evaluation ranks them).
func (e *Engine) Search(ctx context.Context, q Question, k int) ([]Hit, error) {
	text, err := e.clean(q.Text)
	if err != nil {
		return nil, err
	}
	ix := e.state.Load().index
	res, err := ix.Retrieve(ctx, ix.ReadInContext(text, q.History), SearchOptions{K: k, Theme: q.Theme})
	return res.Hits, err
}

// Reload reads the knowledge folder again, rebuilds the index and swaps it
// in. On failure the current index stays. A reload asked while another
// runs returns ErrReloadInProgress at once.
func (e *Engine) Reload(ctx context.Context) (ReloadReport, error) {
	if !e.reloadMu.TryLock() {
		return ReloadReport{}, ErrReloadInProgress
	}
	defer e.reloadMu.Unlock()
	start := time.Now()
	old := e.state.Load()
	st, err := e.build(ctx, old)
	if err != nil {
		e.opt.Observer.Reloaded(time.Since(start), err)
		return ReloadReport{}, fmt.Errorf("reload: %w", err)
	}
	e.state.Store(st)
	e.opt.Observer.Loaded(len(st.docs), len(st.index.chunks))
	e.opt.Observer.Reloaded(time.Since(start), nil)
	r := diff(old.docs, st.docs)
	r.Documents = len(st.docs)
	r.Chunks = len(st.index.chunks)
	r.Themes = st.index.Themes()
	r.Skipped = st.skipped
	r.Duration = time.Since(start)
	return r, nil
}

// diff compares two generations document by document.
func diff(old, cur map[string][]string) ReloadReport {
	var r ReloadReport
	oldHashes := make(map[string]int)
	for _, hs := range old {
		for _, h := range hs {
			oldHashes[h]++
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cur)) {
		prev, existed := old[name]
		switch {
		case !existed:
			r.DocumentsAdded = append(r.DocumentsAdded, name)
		case !slices.Equal(prev, cur[name]):
			r.DocumentsChanged = append(r.DocumentsChanged, name)
		}
		for _, h := range cur[name] {
			if oldHashes[h] > 0 {
				oldHashes[h]--
				r.ChunksKept++
			} else {
				r.ChunksAdded++
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(old)) {
		if _, ok := cur[name]; !ok {
			r.DocumentsRemoved = append(r.DocumentsRemoved, name)
		}
	}
	for _, n := range oldHashes {
		r.ChunksRemoved += n
	}
	return r
}

// Headings lists every section title of the knowledge.
func (e *Engine) Headings() []string { return e.state.Load().index.Headings() }

// Terms returns the distinct analysed terms of a question, sorted: two
// phrasings of the same question (« Qui dirige le Bureau ? », « le
// bureau, qui le dirige ») give the same terms. Curation groups the
// questions the engine could not answer by them.
func (e *Engine) Terms(question string) []string {
	text, err := e.clean(question)
	if err != nil {
		return nil
	}
	r := e.state.Load().index.Read(text)
	terms := slices.Clone(r.Terms)
	slices.Sort(terms)
	return terms
}
