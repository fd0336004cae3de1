package rag

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/knowledge"
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

// New loads the knowledge and builds the first index.
func New(ctx context.Context, opt Options) (*Engine, error) {
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
	e := &Engine{opt: opt}
	st, err := e.build(ctx, nil)
	if err != nil {
		return nil, err
	}
	e.state.Store(st)
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
// Bad questions get ErrEmptyQuestion, ErrNoWords, *TooLongError or
// ErrUnknownTheme.
func (e *Engine) Ask(ctx context.Context, q Question) (Answer, error) {
	text, err := e.clean(q.Text)
	if err != nil {
		return Answer{}, err
	}
	q.Text = text
	ix := e.state.Load().index
	hits, err := ix.Search(ctx, text, SearchOptions{K: e.opt.TopK, Theme: q.Theme})
	if err != nil {
		return Answer{}, fmt.Errorf("search: %w", err)
	}
	best := hits[:min(len(hits), passagesRead)]
	if ix.coverage(text, best) < e.opt.MinCoverage || !ix.coversFocus(text, best) || !ix.statesAnswerKind(text, best) {
		return Refusal(hits), nil
	}
	a, err := e.opt.Generator.Generate(ctx, q, hits)
	if err != nil {
		return Answer{}, fmt.Errorf("generate answer: %w", err)
	}
	if a.Hits == nil {
		a.Hits = hits
	}
	return a, nil
}

// clean checks a question and removes control characters from it.
func (e *Engine) clean(text string) (string, error) {
	text = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			return -1
		}
		return r
	}, text)
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return "", ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(text); n > e.opt.MaxQuestionChars {
		return "", &TooLongError{Length: n, Max: e.opt.MaxQuestionChars}
	}
	if len(tokenize(text)) == 0 {
		return "", ErrNoWords
	}
	return text, nil
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
		return ReloadReport{}, fmt.Errorf("reload: %w", err)
	}
	e.state.Store(st)
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
