package rag

import (
	"sort"
	"strings"

	"github.com/interpol-onu/assistant/rag/french"
)

// Reading is a question as the engine reads it, once: its words spelt as
// the knowledge spells them, its terms weighted by their rarity in the
// knowledge, the word it asks about, the kind of fact it wants, and the
// names it gives that the knowledge never mentions. Retrieval, the
// refusal checks and the extractive answer all work from the same
// Reading.
type Reading struct {
	// Text is the question as asked, cleaned of control characters.
	Text string
	// Restored is Text with the accents a user left out put back as the
	// knowledge writes them (« criminalite » → « criminalité »).
	Restored string
	// Terms are the distinct analysed terms of Restored, in order, with
	// Weights their idf in the knowledge: a word the documents never use
	// weighs the most, unless it only frames the question (« signifie »,
	// « d'après le texte », « dans quel but »), which weighs nothing.
	Terms   []string
	Weights []float64
	// Focus is the term of what the question asks about (« Combien de
	// pays… » → pays), or ""; FocusRequired says the evidence must name
	// it (see french.Focus).
	Focus         string
	FocusRequired bool
	// Kind is the kind of fact the question wants (a date, a number…).
	Kind french.AnswerKind
	// Unnamed are the names the question gives (french.Names: « Europol »,
	// « GPG ») that the knowledge never mentions.
	Unnamed []string
	// English is set for a question asked in English: it is answered as
	// far as the words it shares with the documents allow, and a refusal
	// says that the bot answers French questions.
	English bool

	// apart are terms the user typed with accents that no word of the
	// knowledge with the same stem has (« traité » where the documents
	// only say « traite »): a different word, which nothing matches.
	apart map[string]bool
	// typed maps each term to its word as written, folded: a word typed
	// short is read as the start of longer ones by that word (« cyber »),
	// which its stem (« cyb ») is too short to say.
	typed map[string]string
	// Context are the words a follow-up took from the previous turn of
	// its conversation (see ReadInContext), folded.
	Context []string
	// boost scales a term's weight in retrieval and in the answer: the
	// terms of the previous turn count less.
	boost map[string]float64
	// short are the terms read as words typed short (see extensionsOf).
	short map[string]bool
	// focusRadical lets the focus be found by the start of its word
	// (« maintient », « maintenue »): verbs change their endings.
	focusRadical bool
}

// Read reads a question against this index's knowledge.
func (ix *Index) Read(text string) *Reading {
	restored := ix.spellings.Restore(text)
	r := &Reading{Text: text, Restored: restored, Kind: french.ExpectedAnswer(restored)}
	r.Focus, r.FocusRequired = french.Focus(restored)
	r.focusRadical = french.AsksWho(restored)
	typed, toks := french.Analyze(text), french.Analyze(restored)
	seen := make(map[string]bool)
	for i, t := range toks {
		if seen[t.Term] {
			continue
		}
		seen[t.Term] = true
		if r.typed == nil {
			r.typed = make(map[string]string)
		}
		r.typed[t.Term] = french.Fold(t.Word)
		w := ix.termIDF(t.Term)
		known := ix.knows(t.Term, r.typed[t.Term])
		if _, exact := ix.vocab.ids[t.Term]; !exact && len(ix.extensions(r.typed[t.Term])) > 0 {
			if r.short == nil {
				r.short = make(map[string]bool)
			}
			r.short[t.Term] = true
		}
		if i < len(typed) {
			if fit := ix.accentsFit(t.Term, typed[i].Word); fit != french.AccentsAgree {
				if r.apart == nil {
					r.apart = make(map[string]bool)
				}
				r.apart[t.Term] = true
				known, w = false, ix.chunkLex.idf(0)
				if fit == french.AccentsDifferInside {
					r.Unnamed = append(r.Unnamed, typed[i].Word)
				}
			}
		}
		if !known && (french.IsFraming(t.Word) || french.IsLight(t.Word)) {
			w = 0 // a word that frames the question, absent from the documents
		}
		r.Terms = append(r.Terms, t.Term)
		r.Weights = append(r.Weights, w)
	}
	r.English = french.IsEnglish(text)
	if !r.English { // English capitalises common nouns: « United Nations »
		r.Unnamed = append(r.Unnamed, ix.unnamed(text)...)
	}
	return r
}

// nameSimilarity is how close to a word of the knowledge a long name must
// be spelt to be taken for it (« Representative » for « représentant »);
// « Europol » is not « Europe ».
const nameSimilarity = 0.7

// unnamed returns the names the question gives that the knowledge never
// mentions: a name none of whose spellings it has, or a numbered name
// (« ODD 13 ») no passage gives with its number.
func (ix *Index) unnamed(text string) []string {
	var out []string
	for _, name := range french.Names(text) {
		t := french.Stem(strings.ToLower(name))
		if _, ok := ix.vocab.ids[t]; ok {
			continue
		}
		if _, sim := ix.near.nearest(t); len([]rune(t)) >= 6 && sim >= nameSimilarity {
			continue
		}
		out = append(out, name)
	}
	for _, p := range french.NumberedNames(text) {
		name, nameKnown := ix.vocab.ids[french.Stem(strings.ToLower(p[0]))]
		number, numberKnown := ix.vocab.ids[p[1]]
		if !nameKnown || !numberKnown || !ix.chunkLex.together(name, number) {
			out = append(out, p[0]+" "+p[1])
		}
	}
	return out
}

// knows reports whether the knowledge has a term: exactly, by a near
// spelling (a typo, another inflection) or as the start of its words (a
// word typed short: « cyber »).
func (ix *Index) knows(t, word string) bool {
	if _, ok := ix.vocab.ids[t]; ok {
		return true
	}
	if _, sim := ix.near.nearest(t); sim > 0 {
		return true
	}
	return len(ix.extensionsOf(t, word)) > 0
}

// extensionsOf returns the terms a word typed short stands for: those
// that start with the word as written, or else with its term.
func (ix *Index) extensionsOf(term, word string) []string {
	if ext := ix.extensions(word); len(ext) > 0 {
		return ext
	}
	return ix.extensions(term)
}

// minPrefix is the shortest word typed short that is read as the start of
// longer ones; maxExtensions bounds how many it stands for.
const (
	minPrefix     = 4
	maxExtensions = 30
)

// extensions returns the terms of the knowledge that start with t, when t
// is long enough to mean something and does not start too many of them.
func (ix *Index) extensions(t string) []string {
	if len([]rune(t)) < minPrefix || french.IsNumber(t) {
		return nil
	}
	i := sort.SearchStrings(ix.sorted, t)
	var out []string
	for ; i < len(ix.sorted) && strings.HasPrefix(ix.sorted[i], t); i++ {
		if ix.sorted[i] != t {
			out = append(out, ix.sorted[i])
		}
		if len(out) > maxExtensions {
			return nil
		}
	}
	return out
}

// accentsFit tells whether a word as the user typed it may be one of the
// knowledge's words with the same stem: a word typed without accents
// always may; one typed with accents must agree with one of them
// (french.Accents), or it is another word.
func (ix *Index) accentsFit(term, typed string) french.AccentAgreement {
	if french.Fold(typed) == typed {
		return french.AccentsAgree
	}
	forms := ix.forms[term]
	if len(forms) == 0 {
		return french.AccentsAgree // a word the knowledge does not have: nothing to confuse it with
	}
	worst := french.AccentsDifferInside
	for _, f := range forms {
		worst = min(worst, french.Accents(typed, f))
	}
	return worst
}

// matchTerms are the terms sentences are matched with: each term, or the
// word as typed for a word typed short (« cyber », whose stem « cyb »
// starts too many words).
func (r *Reading) matchTerms() []string {
	out := make([]string, len(r.Terms))
	for i, t := range r.Terms {
		out[i] = t
		if r.short[t] {
			out[i] = r.typed[t]
		}
	}
	return out
}

// boostOf is how much term t counts relative to the question's own terms.
func (r *Reading) boostOf(t string) float64 {
	if b, ok := r.boost[t]; ok {
		return b
	}
	return 1
}

// totalWeight is the sum of the question's term weights.
func (r *Reading) totalWeight() float64 {
	var total float64
	for _, w := range r.Weights {
		total += w
	}
	return total
}

func uniq(ss []string) []string {
	seen := make(map[string]struct{}, len(ss))
	out := ss[:0]
	for _, s := range ss {
		if _, ok := seen[s]; !ok {
			seen[s] = struct{}{}
			out = append(out, s)
		}
	}
	return out
}
