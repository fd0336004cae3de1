package rag

// interrogatives introduce the thing a question asks about.
var interrogatives = map[string]bool{
	"quel": true, "quelle": true, "quels": true, "quelles": true, "combien": true,
	"lequel": true, "laquelle": true, "lesquels": true, "lesquelles": true, "qui": true,
}

// copulas are the forms of « être » in « Quel est le budget… ».
var copulas = set(`est sont etait etaient sera seront fut furent serait seraient`)

// lightWords are the nouns and adjectives that stand between an
// interrogative and what it really asks about: in « Quel est le rôle
// d’INTERPOL ? » or « Quel est l’intitulé de l’ODD 16 ? » the focus is
// INTERPOL, the ODD 16.
var lightWords = set(`
role roles statut fonction fonctions but buts objectif objectifs mission missions place
importance interet particularite definition sens signification nature situation position
nom noms intitule titre appellation date annee jour mois heure periode epoque moment
principal principale principaux principales different differente differents differentes
actuel actuelle actuels actuelles ancien ancienne anciens anciennes futur future futurs futures
prochain prochaine prochains prochaines precedent precedente precedents precedentes
autre autres grand grande grands grandes nouveau nouvelle nouveaux nouvelles
premier premiere premiers premieres dernier derniere derniers dernieres meilleur meilleure
type types sorte sortes genre genres nombre part
`)

// focus returns the term of the word a question asks about, and whether
// the passages must contain it for the question to be answerable:
//
//   - « Combien de pays… »: what is counted must be spoken of (required);
//   - « Quel est le budget d’INTERPOL ? », « Qui est le président… »: an
//     attribute must be named to be given (required);
//   - « Quelle ville accueille… », « En quelle année… »: the answer names
//     an instance (« Vienne », « 2018 »), not the category (not required,
//     but the word still guides which sentences answer).
//
// Light words are skipped (see lightWords). It returns "" when the
// question has no interrogative.
func focus(question string) (term string, required bool) {
	words := tokenize(question)
	for i, w := range words {
		fw := fold(w)
		if !interrogatives[fw] || i+1 == len(words) {
			continue
		}
		next := fold(words[i+1])
		_, copular := copulas[next]
		switch {
		case fw == "combien" && (next == "de" || next == "d"):
			required = true
		case fw == "combien":
			continue // « combien coûte… »: a verb follows, not what is counted
		case copular:
			required = true
		case fw == "qui":
			continue // « qui a gagné… »: no noun to look for
		}
		for _, n := range words[i+1:] {
			if _, light := lightWords[fold(n)]; !light && !isStopWord(n) && !isNumber(n) {
				return stem(n), required
			}
		}
		return "", false
	}
	return "", false
}
