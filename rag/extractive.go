package rag

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/rag/french"
)

// Extractive is the offline generator: it answers with the sentences of
// the retrieved passages that best match the question, quoted as they
// are, each followed by the number of its source. It states nothing the
// passages do not say.
type Extractive struct {
	// MaxSentences and MaxChars bound the answer; 3 and 900 (a passage) if zero.
	MaxSentences, MaxChars int
}

// passagesRead is how many of the best hits the refusal checks and the
// answer read. A hit is a whole section, with its best chunks: reading the
// best one alone was as good or better on every development set than
// reading the best three (answer pass on the Debian Reference .447 ->
// .500, refusal .42 -> .50; Debian FAQ .500 -> .526, .58 -> .67), since a
// second section mostly brings sentences about something else.
const passagesRead = 1

// relatedShare and otherShare are how close to the best sentence's score
// another sentence of the same passage, or of another passage, must be to
// join the answer.
const (
	relatedShare = 0.5
	otherShare   = 0.8
)

// focusWeight multiplies the weight of the word a question asks about: the
// noun after "quel", "quelle", "combien de"… ("Quelles entités…").
const focusWeight = 2.0

type candidate struct {
	text     string
	tail     []string // the blocks text introduces, quoted after it
	hit, pos int      // rank of its hit, position in the hit
	terms    map[string]bool
	score    float64
}

// size is how many characters quoting the candidate takes.
func (c *candidate) size() int {
	n := utf8.RuneCountInString(c.text)
	for _, t := range c.tail {
		n += 1 + utf8.RuneCountInString(t)
	}
	return n
}

// Generate composes the answer; with no hits it refuses.
func (x Extractive) Generate(_ context.Context, _ Question, ev Evidence) (Answer, error) {
	hits, r := ev.Hits, ev.Reading
	maxSent, maxChars := x.MaxSentences, x.MaxChars
	if maxSent <= 0 {
		maxSent = 3
	}
	if maxChars <= 0 {
		maxChars = 900
	}
	cands := sentenceCandidates(hits[:min(len(hits), passagesRead)])
	if r == nil || len(cands) == 0 || len(r.Terms) == 0 {
		return Refusal(hits), nil
	}
	terms := r.matchTerms()
	boost := make([]float64, len(r.Terms))
	for i, t := range r.Terms {
		boost[i] = r.boostOf(t)
	}
	scoreSentences(cands, terms, boost, r.Focus, hits)
	best := cands[0]
	for _, c := range cands {
		if c.score > best.score {
			best = c
		}
	}
	if best.score <= 0 {
		return Refusal(hits), nil
	}
	chosen := choose(cands, best, maxSent, maxChars)
	// Read them in the order of the passages, as the documents say them.
	sort.Slice(chosen, func(i, j int) bool {
		if chosen[i].hit != chosen[j].hit {
			return chosen[i].hit < chosen[j].hit
		}
		return chosen[i].pos < chosen[j].pos
	})
	return compose(chosen, hits), nil
}

// choose picks the answer's sentences: the best one, then the next best
// of the same passage (the context the best one belongs to) if they score
// at least relatedShare of it, then those of other passages if they score
// at least otherShare of it, within the size bounds.
func choose(cands []*candidate, best *candidate, maxSent, maxChars int) []*candidate {
	ranked := append([]*candidate(nil), cands...)
	sort.SliceStable(ranked, func(i, j int) bool {
		if (ranked[i].hit == best.hit) != (ranked[j].hit == best.hit) {
			return ranked[i].hit == best.hit
		}
		return ranked[i].score > ranked[j].score
	})
	chosen := []*candidate{best}
	size := best.size()
	for _, c := range ranked {
		if len(chosen) == maxSent {
			break
		}
		share := relatedShare
		if c.hit != best.hit {
			share = otherShare
		}
		l := c.size()
		if c == best || c.score < share*best.score || size+l > maxChars {
			continue
		}
		chosen = append(chosen, c)
		size += l
	}
	return chosen
}

// compose writes the chosen sentences, each run from one source followed
// by that source's number: "… [1] … [2]".
func compose(chosen []*candidate, hits []Hit) Answer {
	var a Answer
	a.Hits = hits
	number := make(map[Source]int)
	var b strings.Builder
	for i, c := range chosen {
		src := SourceOf(hits[c.hit].Chunk)
		n, ok := number[src]
		if !ok {
			a.Sources = append(a.Sources, src)
			n = len(a.Sources)
			number[src] = n
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.text)
		for _, t := range c.tail {
			b.WriteString("\n")
			b.WriteString(t)
		}
		if i == len(chosen)-1 || chosen[i+1].hit != c.hit {
			fmt.Fprintf(&b, " [%d]", n)
		}
	}
	a.Text = b.String()
	return a
}

// sentenceCandidates cuts the passages of the hits into the units an
// answer quotes: sentences, a bare « Oui. » or « Non. » joined to the
// sentence that says what it answers, and a sentence that introduces
// what follows (« … avec la commande suivante : ») joined to the blocks
// it introduces: a command, a list, table rows.
func sentenceCandidates(hits []Hit) []*candidate {
	var out []*candidate
	seen := make(map[string]bool)
	for h, hit := range hits {
		// A section's title speaks for each of its sentences.
		heading := french.Terms(strings.Join(hit.Chunk.Trail, " "))
		pos := 0
		paras := strings.Split(passageText(hit), "\n\n")
		for p, para := range paras {
			sentences := french.Sentences(para)
			for i := 0; i < len(sentences); i++ {
				s := sentences[i]
				if french.IsBareYesNo(s) && i+1 < len(sentences) {
					i++
					s += " " + sentences[i]
				}
				var tail []string
				if i == len(sentences)-1 && introduces(s) {
					tail = introduced(paras[p+1:])
				}
				key := french.FoldForMatch(s)
				if seen[key] { // overlapping chunks repeat sentences
					continue
				}
				seen[key] = true
				ts := make(map[string]bool)
				for _, t := range french.Terms(s + " " + strings.Join(tail, " ")) {
					ts[t] = true
				}
				for _, t := range heading {
					ts[t] = true
				}
				out = append(out, &candidate{text: s, tail: tail, hit: h, pos: pos, terms: ts})
				pos++
			}
		}
	}
	return out
}

// introduces reports a sentence that announces what follows it.
func introduces(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), ":")
}

// Bounds on what an introducing sentence brings with it.
const (
	maxIntroduced      = 6
	maxIntroducedChars = 600
)

// introduced returns the paragraphs an introducing sentence announces:
// those that follow it, up to the bounds.
func introduced(next []string) []string {
	var out []string
	size := 0
	for _, p := range next {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if len(out) == maxIntroduced || size+utf8.RuneCountInString(p) > maxIntroducedChars {
			break
		}
		out = append(out, p)
		size += utf8.RuneCountInString(p)
	}
	return out
}

// scoreSentences scores each candidate by the weighted share of question
// terms it contains, weights being idf over the candidates themselves (a
// word in every passage tells little), plus a small bonus for the rank of
// its passage.
func scoreSentences(cands []*candidate, qterms []string, boost []float64, focus string, hits []Hit) {
	weights := make(map[string]float64, len(qterms))
	var total float64
	for i, t := range qterms {
		df := 0
		for _, c := range cands {
			if matchTerm(c.terms, t) > 0 {
				df++
			}
		}
		w := boost[i] * math.Log(1+float64(len(cands))/float64(1+df))
		if t == focus {
			w *= focusWeight
		}
		weights[t] = w
		total += w
	}
	for _, c := range cands {
		var got float64
		for _, t := range qterms {
			got += weights[t] * matchTerm(c.terms, t)
		}
		if got == 0 {
			continue
		}
		c.score = got/total + 0.15*hits[c.hit].Score
	}
}

// matchTerm is 1 when the sentence has the term, extensionWeight when it
// has a word the term starts (a word typed short), the similarity of its
// nearest spelling when close enough (typos, inflections), else 0.
func matchTerm(have map[string]bool, t string) float64 {
	if have[t] {
		return 1
	}
	if utf8.RuneCountInString(t) < 4 || french.IsNumber(t) {
		return 0
	}
	qg := uniq(french.NGrams(t, gramSize))
	best := 0.0
	for h := range have {
		if french.IsNumber(h) {
			continue
		}
		if len(h) > len(t) && strings.HasPrefix(h, t) { // a word typed short
			best = max(best, extensionWeight)
			continue
		}
		hg := uniq(french.NGrams(h, gramSize))
		set := make(map[string]bool, len(hg))
		for _, g := range hg {
			set[g] = true
		}
		n := 0
		for _, g := range qg {
			if set[g] {
				n++
			}
		}
		if s := 2 * float64(n) / float64(len(qg)+len(hg)); s >= minGramSimilarity {
			best = max(best, s)
		}
	}
	return best
}
