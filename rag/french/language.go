package french

// languageWords are function words that tell English from French.
var languageWords = loadRoles("language.txt")

// IsEnglish reports a question written in English rather than French:
// more English function words than French ones, and at least two.
func IsEnglish(text string) bool {
	var en, fr int
	for _, w := range Tokenize(text) {
		if languageWords["english"].has(w) {
			en++
		}
		if languageWords["french"].has(w) {
			fr++
		}
	}
	return en >= 2 && en > fr
}
