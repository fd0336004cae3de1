package french

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed words/*.txt
var wordFiles embed.FS

// wordSet is a set of folded words.
type wordSet map[string]struct{}

func (s wordSet) has(w string) bool {
	_, ok := s[Fold(w)]
	return ok
}

// readList returns the lines of a word file without comments and blank
// lines.
func readList(name string) []string {
	b, err := wordFiles.ReadFile("words/" + name)
	if err != nil {
		panic(fmt.Sprintf("french: word list %s: %v", name, err)) // embedded: cannot happen
	}
	var lines []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	return lines
}

// loadSet reads a word file into a set of folded words.
func loadSet(name string) wordSet {
	s := wordSet{}
	for _, line := range readList(name) {
		addWords(s, line)
	}
	return s
}

func addWords(s wordSet, text string) {
	for _, w := range Tokenize(text) {
		s[Fold(w)] = struct{}{}
	}
}

// loadRoles reads a "role: words" file into one set per role.
func loadRoles(name string) map[string]wordSet {
	roles := map[string]wordSet{}
	for _, line := range readList(name) {
		role, words, ok := strings.Cut(line, ":")
		if !ok {
			panic(fmt.Sprintf("french: %s: line %q has no role", name, line))
		}
		role = strings.TrimSpace(role)
		if roles[role] == nil {
			roles[role] = wordSet{}
		}
		addWords(roles[role], words)
	}
	return roles
}

// loadPhrases reads a file of phrases, one a line, as folded words joined
// by single spaces.
func loadPhrases(name string) []string {
	var out []string
	for _, line := range readList(name) {
		out = append(out, strings.Join(Words(line), " "))
	}
	return out
}

var (
	questionRoles = loadRoles("questions.txt")
	stopWords     = union(loadSet("stop.txt"),
		questionRoles["which"], questionRoles["count"], questionRoles["who"],
		questionRoles["when"], questionRoles["other"])
	lightWords    = loadSet("light.txt")
	dateWords     = loadSet("dates.txt")
	numberWords   = loadSet("numbers.txt")
	abbreviations = loadSet("abbreviations.txt")
	prefixes      = readPrefixes()
	dontKnow      = loadPhrases("dontknow.txt")
)

func union(sets ...wordSet) wordSet {
	out := wordSet{}
	for _, s := range sets {
		for w := range s {
			out[w] = struct{}{}
		}
	}
	return out
}

func readPrefixes() []string {
	var out []string
	for _, line := range readList("prefixes.txt") {
		out = append(out, strings.Fields(line)...)
	}
	return out
}
