package rag

import (
	"slices"
	"strings"

	"github.com/interpol-onu/assistant/rag/french"
)

// inheritedWeight is the share of its weight a term of the previous turn
// keeps in a follow-up: it completes the question without outweighing
// what the member asks now.
const inheritedWeight = 0.5

// ReadInContext reads a question that may continue a conversation. An
// elliptical follow-up (« Et pour la cybercriminalité ? », « et en
// 2018 ? », « Qui en fait partie ? ») is completed with the terms of the
// previous turn it lacks, at a lower weight, except those it contradicts:
// a term the follow-up's own theme never uses (the new theme replaces the
// old), a number when it gives one (a year replaces a
// year). A question without an interrogative also takes the previous
// turn's focus and kind of fact. A follow-up that stands alone keeps its
// own terms in front: the inherited ones only break ties.
func (ix *Index) ReadInContext(text string, history []Turn) *Reading {
	r := ix.Read(text)
	if len(history) == 0 {
		return r
	}
	prev := ix.Read(history[len(history)-1].Question)
	theme := ix.dominantTheme(r)
	hasNumber := slices.ContainsFunc(r.Terms, french.IsNumber)
	for i, t := range prev.Terms {
		switch {
		case slices.Contains(r.Terms, t), prev.apart[t], prev.Weights[i] == 0:
			continue
		case hasNumber && french.IsNumber(t):
			continue // « et en 2018 ? » replaces the year asked about
		case theme != "" && !ix.inTheme(t, theme):
			continue // a new theme replaces the old: keep what it speaks of too
		}
		r.Terms = append(r.Terms, t)
		r.Weights = append(r.Weights, prev.Weights[i]*inheritedWeight)
		r.inherit(t, prev)
	}
	if r.Kind == french.AnyFact && r.Focus == "" && !french.Asks(text) {
		r.Kind, r.Focus, r.FocusRequired, r.focusRadical = prev.Kind, prev.Focus, prev.FocusRequired, prev.focusRadical
	}
	return r
}

// inherit notes that term t comes from the previous turn prev.
func (r *Reading) inherit(t string, prev *Reading) {
	if r.boost == nil {
		r.boost = make(map[string]float64)
	}
	r.boost[t] = inheritedWeight
	if r.typed == nil {
		r.typed = make(map[string]string)
	}
	r.typed[t] = prev.typed[t]
	if prev.short[t] {
		if r.short == nil {
			r.short = make(map[string]bool)
		}
		r.short[t] = true
	}
	r.Context = append(r.Context, prev.typed[t])
}

// searchText is what an embedding of the question reads: the question,
// and the words a follow-up took from the previous turn.
func (r *Reading) searchText() string {
	if len(r.Context) == 0 {
		return r.Restored
	}
	return r.Restored + " " + strings.Join(r.Context, " ")
}

// Understood is the question as the engine answers it: the text, and the
// words a follow-up took from the previous turn.
func (r *Reading) Understood() string {
	if len(r.Context) == 0 {
		return r.Text
	}
	return r.Text + " (" + strings.Join(r.Context, " ") + ")"
}

// termTheme is the theme a term belongs to: the one holding most of the
// sections that use it, if it holds at least two thirds of them; "" for a
// term spread over themes (« INTERPOL », « rôle ») or unknown.
func (ix *Index) termTheme(t string) string {
	id, ok := ix.vocab.ids[t]
	if !ok || ix.secLex.df(id) == 0 {
		return ""
	}
	count := make(map[string]int)
	best, n := "", 0
	docs, _ := ix.secLex.postings(id)
	for _, d := range docs {
		th := ix.sections[d].theme
		count[th]++
		if count[th] > n {
			best, n = th, count[th]
		}
	}
	if 3*n < 2*ix.secLex.df(id) {
		return ""
	}
	return best
}

// inTheme reports whether some section of theme uses term t.
func (ix *Index) inTheme(t, theme string) bool {
	id, ok := ix.vocab.ids[t]
	if !ok {
		return false
	}
	docs, _ := ix.secLex.postings(id)
	for _, d := range docs {
		if ix.sections[d].theme == theme {
			return true
		}
	}
	return false
}

// dominantTheme is the theme of the question's most specific term that
// belongs to one, or "".
func (ix *Index) dominantTheme(r *Reading) string {
	theme, best := "", -1.0
	for i, t := range r.Terms {
		if th := ix.termTheme(t); th != "" && r.Weights[i] > best {
			theme, best = th, r.Weights[i]
		}
	}
	return theme
}
