package openaicompat

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/rag/french"
)

// isRefusal says whether a reply means "the excerpts do not contain the
// answer": the marker the model was told to give, even decorated
// ("**Réponse inconnue.**"), or, for a short reply citing nothing, one of
// the usual ways of saying so. A reply that cites an excerpt and only
// mentions a gap ("les extraits ne précisent pas la date, mais [1]…") is
// an answer.
func isRefusal(reply string, cited int) bool {
	for _, m := range []string{unknownMarker, "REPONSE_INCONNUE", "RÉPONSE INCONNUE", "REPONSE INCONNUE"} {
		if strings.Contains(reply, m) {
			return true
		}
	}
	if strings.HasPrefix(squeeze(reply), squeeze(unknownMarker)) {
		return true
	}
	if cited > 0 || utf8.RuneCountInString(reply) > 400 {
		return false
	}
	return french.SaysNotKnown(reply)
}

// leakDetector recognises a reply that repeats the instructions: any run
// of shingleWords consecutive words of the prompt's fixed text. Such a
// reply is never shown; the question gets the fallback answer instead.
type leakDetector map[string]struct{}

const shingleWords = 8

func newLeakDetector(texts ...string) leakDetector {
	d := leakDetector{}
	for _, t := range texts {
		w := words(t)
		for i := 0; i+shingleWords <= len(w); i++ {
			d[strings.Join(w[i:i+shingleWords], " ")] = struct{}{}
		}
	}
	return d
}

func (d leakDetector) leaks(reply string) bool {
	w := words(reply)
	for i := 0; i+shingleWords <= len(w); i++ {
		if _, ok := d[strings.Join(w[i:i+shingleWords], " ")]; ok {
			return true
		}
	}
	return false
}

// words lower-cases s, folds its accents and splits it into words.
func words(s string) []string { return french.Words(s) }

func squeeze(s string) string { return strings.Join(words(s), "") }

// incompleteCitation is a citation cut by the end of a streamed chunk.
var incompleteCitation = regexp.MustCompile(`\[[\d,; ]*$`)

// thinking matches the reasoning some local models (DeepSeek-R1, Qwen3 on
// Ollama or llama.cpp) write into the reply itself, and an unfinished
// one at the end of a streamed prefix.
var thinking = regexp.MustCompile(`(?s)<think>.*?(?:</think>|$)`)

// withoutThinking removes that reasoning: the user gets the answer only.
func withoutThinking(s string) string {
	return strings.TrimSpace(thinking.ReplaceAllString(s, ""))
}
