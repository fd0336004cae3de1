package rag

import (
	"regexp"
	"strings"
)

// answerKind is what kind of fact a question wants back.
type answerKind int

const (
	anyFact  answerKind = iota
	whenFact            // « Quand… », « En quelle année… »: a date or a time
	howMany             // « Combien… »: a number
)

// beforeQuand are the words that may precede an interrogative « quand »
// (« depuis quand », « jusqu’à quand », « et c’est quand ? »). Elsewhere
// « quand » is a conjunction: « Que fait INTERPOL quand un pays… ».
var beforeQuand = set(`depuis jusqu jusque a partir de d ici et mais alors donc c est ce`)

// expectedAnswer reads the kind of fact a question asks for.
func expectedAnswer(question string) answerKind {
	words := tokenize(question)
	lead := true // only words of beforeQuand so far
	for i, w := range words {
		fw := fold(w)
		next := ""
		if i+1 < len(words) {
			next = fold(words[i+1])
		}
		switch fw {
		case "quand":
			if lead || i == len(words)-1 { // « il est né quand ? »
				return whenFact
			}
		case "combien":
			return howMany
		case "quel", "quelle", "quels", "quelles":
			switch next {
			case "annee", "annees", "date", "dates", "jour", "jours", "heure", "heures",
				"epoque", "periode", "siecle", "mois":
				return whenFact
			}
		case "nombre":
			if next == "de" || next == "d" {
				return howMany
			}
		}
		if _, ok := beforeQuand[fw]; !ok {
			lead = false
		}
	}
	return anyFact
}

var (
	// A year, a time of day (« 18 h », « 9h30 ») or a numeric date.
	dateLike = regexp.MustCompile(`\b(1[0-9]|20)[0-9]{2}\b|\b[0-9]{1,2} ?h(?:[0-9]{2})?\b|\b[0-9]{1,2}/[0-9]{1,2}\b`)
	anyDigit = regexp.MustCompile(`[0-9]`)
	dateWord = set(`janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
		lundi mardi mercredi jeudi vendredi samedi dimanche siecle`)
	// « un » and « une » are left out: as articles they are in nearly
	// every sentence.
	numberWord = set(`deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze
		seize vingt trente quarante cinquante soixante cent cents mille million millions milliard milliards
		dizaine dizaines douzaine centaine centaines millier milliers moitie tiers quart`)
)

// holds reports whether a sentence states a fact of kind k.
func holds(sentence string, k answerKind) bool {
	switch k {
	case whenFact:
		if dateLike.MatchString(sentence) {
			return true
		}
		return hasWordIn(sentence, dateWord)
	case howMany:
		return anyDigit.MatchString(sentence) || hasWordIn(sentence, numberWord)
	}
	return true
}

func hasWordIn(sentence string, words map[string]struct{}) bool {
	for _, w := range tokenize(sentence) {
		if _, ok := words[fold(w)]; ok {
			return true
		}
	}
	return false
}

// kindShare is how relevant to the question, relative to the most
// relevant sentence of the passages, a sentence stating the wanted kind
// of fact must be.
const kindShare = 0.6

// statesAnswerKind reports whether the passages hold a sentence that
// states the kind of fact the question wants (a date for « Quand… », a
// number for « Combien… ») and is nearly as relevant to the question as
// their most relevant sentence, relevance being the idf-weighted share of
// the question's terms a sentence contains. « En quelle année INTERPOL
// a-t-il obtenu son statut ? » is not answered by passages that speak of
// the status without a date, whatever dates they give about other things.
func (ix *Index) statesAnswerKind(query string, hits []Hit) bool {
	k := expectedAnswer(query)
	if k == anyFact {
		return true
	}
	qterms := uniq(terms(ix.restoreAccents(query)))
	weights := make([]float64, len(qterms))
	var total float64
	for i, t := range qterms {
		weights[i] = ix.lex.termIDF(t)
		total += weights[i]
	}
	if total == 0 {
		return false
	}
	var bestAny, bestKind float64
	for _, h := range hits {
		for _, para := range strings.Split(h.Chunk.Text, "\n\n") {
			for _, s := range Sentences(para) {
				have := make(map[string]bool)
				for _, t := range terms(s) {
					have[t] = true
				}
				var got float64
				for i, t := range qterms {
					got += weights[i] * matchTerm(have, t)
				}
				bestAny = max(bestAny, got)
				if holds(s, k) {
					bestKind = max(bestKind, got)
				}
			}
		}
	}
	return bestKind > 0 && bestKind >= kindShare*bestAny
}
