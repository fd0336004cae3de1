package french

import "regexp"

// Focus returns the term of the word a question asks about, and whether
// the passages must contain it for the question to be answerable:
//
//   - « Combien de pays… »: what is counted must be spoken of (required);
//   - « Quel est le budget d’INTERPOL ? », « Qui est le président… »: an
//     attribute must be named to be given (required);
//   - « Qui dirige le Bureau ? »: the action must be spoken of (required);
//   - « Quelle ville accueille… », « En quelle année… »: the answer names
//     an instance (« Vienne », « 2018 »), not the category (not required,
//     but the word still guides which sentences answer).
//
// Light words (light.txt) are skipped. It returns "" when the question
// has no interrogative.
func Focus(question string) (term string, required bool) {
	term, required, _ = focus(question)
	return term, required
}

// AsksWho reports a question that asks who does something (« Qui dirige
// le Bureau ? »): its focus is a verb, whose ending may change in the
// documents (« dirigé par »).
func AsksWho(question string) bool {
	_, _, who := focus(question)
	return who
}

func focus(question string) (term string, required, who bool) {
	words := Tokenize(question)
	lead := true // only words that may lead a question so far
	for i, w := range words {
		leading := lead
		if !questionRoles["before-when"].has(w) && !questionRoles["before-who"].has(w) {
			lead = false
		}
		if !isInterrogative(w) || i+1 == len(words) {
			continue
		}
		fw, next := Fold(w), words[i+1]
		copular := questionRoles["copula"].has(next)
		switch {
		case fw == "combien" && (Fold(next) == "de" || next == "d"):
			required = true
		case fw == "combien":
			continue // « combien coûte… »: a verb follows, not what is counted
		case copular:
			required = true
		case fw == "qui" && !leading:
			continue // « l'agence qui s'occupe… »: a relative pronoun
		case fw == "qui":
			// « Qui dirige le Bureau ? »: what is asked is who does
			// that; passages that never say it cannot answer.
			for _, n := range words[i+1:] {
				if !IsStopWord(n) && !IsNumber(n) {
					return Stem(n), true, true
				}
			}
			return "", false, false
		}
		for _, n := range words[i+1:] {
			if !lightWords.has(n) && !IsStopWord(n) && !IsNumber(n) {
				return Stem(n), required, false
			}
		}
		return "", false, false
	}
	return "", false, false
}

// IsLight reports a noun or adjective that stands between an
// interrogative and what the question asks about (« rôle », « but »,
// « principal »): light.txt.
func IsLight(w string) bool { return lightWords.has(w) }

// isInterrogative reports the words that introduce what a question asks
// about: « quel » and its forms, « combien », « qui ».
func isInterrogative(w string) bool {
	return questionRoles["which"].has(w) || questionRoles["count"].has(w) || questionRoles["who"].has(w)
}

// AnswerKind is what kind of fact a question wants back.
type AnswerKind int

const (
	AnyFact  AnswerKind = iota
	WhenFact            // « Quand… », « En quelle année… »: a date or a time
	HowMany             // « Combien… »: a number
)

// ExpectedAnswer reads the kind of fact a question asks for.
func ExpectedAnswer(question string) AnswerKind {
	words := Tokenize(question)
	lead := true // only words of before-when so far
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		switch {
		case questionRoles["when"].has(w):
			if lead || i == len(words)-1 { // « il est né quand ? »
				return WhenFact
			}
		case questionRoles["count"].has(w):
			return HowMany
		case questionRoles["which"].has(w) && isQuel(w):
			if questionRoles["when-noun"].has(next) {
				return WhenFact
			}
		case questionRoles["count-noun"].has(w):
			if Fold(next) == "de" || next == "d" {
				return HowMany
			}
		}
		if !questionRoles["before-when"].has(w) {
			lead = false
		}
	}
	return AnyFact
}

// isQuel reports « quel » and its forms, not « lequel » and its.
func isQuel(w string) bool {
	switch Fold(w) {
	case "quel", "quelle", "quels", "quelles":
		return true
	}
	return false
}

var (
	// A year, a time of day (« 18 h », « 9h30 ») or a numeric date.
	dateLike = regexp.MustCompile(`\b(1[0-9]|20)[0-9]{2}\b|\b[0-9]{1,2} ?h(?:[0-9]{2})?\b|\b[0-9]{1,2}/[0-9]{1,2}\b`)
	anyDigit = regexp.MustCompile(`[0-9]`)
)

// States reports whether a sentence states a fact of kind k: a date or a
// time for WhenFact, a number for HowMany; any sentence for AnyFact.
func States(sentence string, k AnswerKind) bool {
	switch k {
	case WhenFact:
		return dateLike.MatchString(sentence) || hasWordIn(sentence, dateWords)
	case HowMany:
		return anyDigit.MatchString(sentence) || hasWordIn(sentence, numberWords)
	}
	return true
}

func hasWordIn(sentence string, words wordSet) bool {
	for _, w := range Tokenize(sentence) {
		if words.has(w) {
			return true
		}
	}
	return false
}
