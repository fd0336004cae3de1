package french

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// framingWords frame a question rather than say what it is about.
var framingWords = loadSet("framing.txt")

// IsFraming reports a word that frames a question (« signifie », « sigle »,
// « d'après le texte ») rather than says what it is about.
func IsFraming(w string) bool { return framingWords.has(w) }

// Names returns the words of a question that name something: acronyms
// (« BLT », « GPG »), capitalised words that do not start a sentence
// (« Europol », « Budapest »), and words mixing letters and digits
// (« ODD13 »). Only the sentences that ask are read: in « Je suis sur
// Discord. Qui dirige le Bureau ? », Discord is incidental. Stop words
// and interrogatives are never names.
func Names(question string) []string {
	var out []string
	for _, s := range askingSentences(question) {
		first := true
		for _, w := range strings.FieldsFunc(RemoveInvisible(s), func(r rune) bool { return !IsWordRune(r) }) {
			initial := first
			first = false
			if IsStopWord(w) || IsFraming(w) {
				continue
			}
			if isAcronym(w) || mixesDigits(w) || (!initial && isCapitalised(w)) {
				out = append(out, w)
			}
		}
	}
	return out
}

// askingSentences are the sentences of a message that ask: those ending
// with a question mark or holding an interrogative; all of them when
// none does.
func askingSentences(text string) []string {
	sentences := Sentences(text)
	var asking []string
	for _, s := range sentences {
		if strings.HasSuffix(strings.TrimRight(s, " »\"’'"), "?") || hasInterrogative(s) {
			asking = append(asking, s)
		}
	}
	if len(asking) == 0 {
		return sentences
	}
	return asking
}

// Asks reports whether a question holds an interrogative word (« quel »,
// « qui », « combien », « comment »…), which « Et pour la
// cybercriminalité ? » does not.
func Asks(question string) bool { return hasInterrogative(question) }

func hasInterrogative(s string) bool {
	for _, w := range Tokenize(s) {
		for _, role := range []string{"which", "count", "who", "when", "other"} {
			if questionRoles[role].has(w) && Fold(w) != "que" && Fold(w) != "ou" {
				return true
			}
		}
	}
	return false
}

func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func mixesDigits(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0 && strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// Accents tells how a word typed with accents agrees with a word of
// the documents of the same stem, where their letters agree once
// accents are folded:
//
//   - AccentsAgree: both carry accents in the same places (« traités »
//     and « traité »; « coopère » and « coopération », é and è being the
//     same letter changing with the inflection);
//   - AccentsDifferInside: one has an accent the other lacks before the
//     last letter (« côte » and « cote », « tâche » and « tache »): two
//     words;
//   - AccentsDifferAtEnd: only on the last letter (« traité » and
//     « traite »): two words, or two forms of one verb (« fixé »,
//     « fixe »).
func Accents(typed, form string) AccentAgreement {
	ra, rb := []rune(strings.ToLower(typed)), []rune(strings.ToLower(form))
	n := min(len(ra), len(rb))
	for i := 0; i < n; i++ {
		fa, fb := Fold(string(ra[i])), Fold(string(rb[i]))
		if fa != fb {
			return AccentsAgree // the words part here; what precedes agrees
		}
		if (fa == string(ra[i])) != (fb == string(rb[i])) { // one is accented, the other not
			if i == len(ra)-1 || i == len(rb)-1 {
				return AccentsDifferAtEnd
			}
			return AccentsDifferInside
		}
	}
	return AccentsAgree
}

// AccentAgreement is what Accents tells.
type AccentAgreement int

const (
	AccentsAgree AccentAgreement = iota
	AccentsDifferAtEnd
	AccentsDifferInside
)

// NumberedNames returns the names of a question followed by a number
// (« ODD 13 », « Debian 14 »), as pairs: the number makes the name a
// different thing, which the documents may not mention though they
// mention the name.
func NumberedNames(question string) [][2]string {
	var out [][2]string
	for _, s := range askingSentences(question) {
		words := strings.FieldsFunc(RemoveInvisible(s), func(r rune) bool { return !IsWordRune(r) })
		for i := 0; i+1 < len(words); i++ {
			w, n := words[i], words[i+1]
			if IsNumber(n) && !IsStopWord(w) && (isAcronym(w) || isCapitalised(w)) {
				out = append(out, [2]string{w, n})
			}
		}
	}
	return out
}
