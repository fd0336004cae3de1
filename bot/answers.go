package bot

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// The buttons of an answer name what they act on in their custom_id,
// "<action>:<answer ID>", well within Discord's 100 characters. The
// answer ID is random: it names a record kept in memory (answerRecord),
// which a restart forgets; a button of an answer the bot no longer
// knows gets a polite private reply saying so.
const (
	actionExcerpts = "extraits" // Voir les extraits
)

// What the bot keeps of its answers for their buttons: a click after the
// record is forgotten is told the answer is too old.
const (
	maxAnswers = 1000
	answerTTL  = 24 * time.Hour
)

// answerRecord is what an answer's buttons need: its cited passages,
// ready to show, bounded by Discord's message limits.
type answerRecord struct {
	excerpts []outgoing
}

// newAnswerID returns a random answer ID: 64 bits in base 36, which no
// one can guess and a restart does not reuse.
func newAnswerID() string {
	return strconv.FormatUint(rand.Uint64(), 36)
}

func customID(action, answerID string) string {
	return action + ":" + answerID
}

// parseCustomID splits a custom_id into its action and answer ID; ok is
// false for one the bot cannot have made.
func parseCustomID(id string) (action, answerID string, ok bool) {
	action, answerID, ok = strings.Cut(id, ":")
	if !ok || answerID == "" || len(answerID) > 13 {
		return "", "", false
	}
	for _, r := range answerID {
		if (r < '0' || r > '9') && (r < 'a' || r > 'z') {
			return "", "", false
		}
	}
	switch action {
	case actionExcerpts:
		return action, answerID, true
	}
	return "", "", false
}
