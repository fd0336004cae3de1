package bot

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/rag"
)

// The buttons of an answer name what they act on in their custom_id,
// "<action>:<answer ID>", well within Discord's 100 characters. The
// answer ID is random: it names a record kept in memory (answerRecord),
// which a restart forgets; a button of an answer the bot no longer
// knows gets a polite private reply saying so.
//
// With curation, the answer's votes and the Répondre buttons of /lacunes
// carry a question's ID in the store instead, in base 36: a restart
// does not forget them. The modals they open name what they answer the
// same way.
const (
	actionExcerpts  = "extraits" // Voir les extraits
	actionPublish   = "publier"  // Publier, on a private answer to a message command
	actionUp        = "utile"    // 👍, on the question's ID
	actionDown      = "inutile"  // 👎, on the question's ID: opens modalDownvote
	actionAnswerGap = "repondre" // Répondre, on the ID of a gap's example: opens modalGapAnswer
	modalDownvote   = "avis"     // the 👎's comment, on the question's ID
	modalGapAnswer  = "reponse"  // a moderator's answer, on a draft's ID (gapDraft)
)

// What the bot keeps of its answers for their buttons: a click after the
// record is forgotten is told the answer is too old.
const (
	maxAnswers = 1000
	answerTTL  = 24 * time.Hour
)

// answerRecord is what an answer's buttons need: its cited passages,
// ready to show, and for a private answer to a message command, what
// Publier posts. Both are bounded by Discord's message limits.
type answerRecord struct {
	excerpts []outgoing

	mu  sync.Mutex
	pub *publication // nil unless the answer may be published
}

// publication is a private answer to « Demander au bot » that its asker
// may post once, as a reply to the message it answers.
type publication struct {
	channelID, guildID, targetID string
	by                           string                       // who asked, named in the footer of what is posted
	msgs                         []outgoing                   // the answer as the channel will see it
	done                         []discordgo.MessageComponent // the private answer's buttons once it is posted
	turns                        []rag.Turn                   // the conversation a reply to the posted answer continues
	state                        publishState
}

type publishState int

const (
	notPublished publishState = iota
	publishing
	published
)

// newAnswerID returns a random answer ID: 64 bits in base 36, which no
// one can guess and a restart does not reuse.
func newAnswerID() string {
	return strconv.FormatUint(rand.Uint64(), 36)
}

func customID(action, answerID string) string {
	return action + ":" + answerID
}

// parseCustomID splits a button's custom_id into its action and answer
// ID; ok is false for one the bot cannot have made.
func parseCustomID(id string) (action, answerID string, ok bool) {
	return splitID(id, actionExcerpts, actionPublish, actionUp, actionDown, actionAnswerGap)
}

// parseModalID splits a modal's custom_id as parseCustomID does a
// button's.
func parseModalID(id string) (action, answerID string, ok bool) {
	return splitID(id, modalDownvote, modalGapAnswer)
}

func splitID(id string, actions ...string) (action, answerID string, ok bool) {
	action, answerID, ok = strings.Cut(id, ":")
	if !ok || answerID == "" || len(answerID) > 13 {
		return "", "", false
	}
	for _, r := range answerID {
		if (r < '0' || r > '9') && (r < 'a' || r > 'z') {
			return "", "", false
		}
	}
	if slices.Contains(actions, action) {
		return action, answerID, true
	}
	return "", "", false
}

// questionCustomID names an action on a question of the store.
func questionCustomID(action string, questionID int64) string {
	return customID(action, strconv.FormatInt(questionID, 36))
}

// parseQuestionID reads a question's ID from a custom_id's second part.
func parseQuestionID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 36, 64)
	return id, err == nil && id > 0
}
