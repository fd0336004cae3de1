package rag

import "context"

// Chunk is the retrieval unit: a piece of one section of one document.
type Chunk struct {
	ID       string   // unique within an index: "<document>#<n>"
	Document string   // knowledge.Document.Name
	Section  string   // the section's own heading
	Trail    []string // headings from the theme down to Section
	Text     string
	Hash     string // hex SHA-256 of the document name, trail and text
	// Overlap is the length in bytes of the start of Text that repeats
	// the end of the previous chunk of the same section (see
	// ChunkOptions.Overlap): Text[Overlap:] is the chunk's own text.
	Overlap int
}

// Theme returns the top-level heading the chunk belongs to.
func (c Chunk) Theme() string {
	if len(c.Trail) == 0 {
		return ""
	}
	return c.Trail[0]
}

// Hit is a retrieved section, as the chunk of it that best matches the
// question, with its scores.
type Hit struct {
	Chunk    Chunk
	Score    float64 // fused score in [0, 1]
	Lexical  float64 // fused lexical score in [0, 1]
	Semantic float64 // normalised embedding similarity in [0, 1]
	// Passage holds the section's chunks that best match the question,
	// best first (Chunk is the first): the refusal checks and the answer
	// read them all. Nil means Chunk alone.
	Passage []Chunk
}

// passage returns the chunks the hit's evidence is read from.
func (h Hit) passage() []Chunk {
	if len(h.Passage) == 0 {
		return []Chunk{h.Chunk}
	}
	return h.Passage
}

// Source is a citation: where an answer's evidence comes from.
type Source struct {
	Document string
	Section  string
	// URL is where the document can be read, if it declares one ("" if
	// not): the bot makes the source a link.
	URL string
}

// Question is what a user asks.
type Question struct {
	Text string
	// Theme, if set, restricts retrieval to the chunks of that theme.
	Theme string
	// Partial, if set, receives the answer's text so far while a
	// streaming generator produces it. It may be called from another
	// goroutine and must return quickly.
	Partial func(text string)
	// History holds the earlier turns of the conversation the question
	// continues, oldest first, as the caller kept them (a few turns,
	// bounded in characters). A follow-up (« Et pour la
	// cybercriminalité ? ») is read in their light; a question that
	// stands alone is taken as it is.
	History []Turn
}

// Turn is one earlier exchange of a conversation.
type Turn struct {
	// Question is what the engine answered: the Understood question of
	// that turn's Answer (a follow-up completed), or as asked.
	Question string
	// Answer is the text of the reply ("" if unknown).
	Answer string
}

// Answer is the reply to a question.
type Answer struct {
	Text    string
	Sources []Source
	// Refused is true when the knowledge does not cover the question;
	// Text then says so in French.
	Refused bool
	// Notice is a short French remark for the user, e.g. that the
	// language model was unavailable and the answer is extractive.
	Notice string
	// Hits are the passages retrieved, best first.
	Hits []Hit
	// NotEmbedded is set when the question could not be embedded (the
	// embedding API failed): retrieval then used BM25 alone.
	NotEmbedded bool
	// Understood is the question as the engine answered it: the question
	// itself, or a follow-up completed from the conversation's History.
	// A caller keeping a conversation stores it as the next Turn's
	// Question, so that a chain of follow-ups keeps its subject.
	Understood string
}

// Embedder turns texts into L2-normalised vectors. Name identifies the
// vector space: two embedders with the same Name must produce the same
// vector for the same text.
type Embedder interface {
	Name() string
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Retainer is implemented by embedders that keep vectors between builds
// (a cache): after a successful build, Build tells it the texts of the
// new index, and it may forget the others. It returns how many it kept.
type Retainer interface {
	Retain(texts []string) int
}

// QueryEmbedder is implemented by embedders that treat questions apart
// from documents (a cache that should not keep questions, an API with a
// shorter deadline for a question than for a build).
type QueryEmbedder interface {
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

// Generator composes an answer to a question from the evidence retrieved
// for it.
type Generator interface {
	Generate(ctx context.Context, q Question, ev Evidence) (Answer, error)
}

// Evidence is what an answer is composed from: the question as the engine
// read it, and the passages retrieved for it, best first.
type Evidence struct {
	Reading *Reading
	Hits    []Hit
}

// Theme is a top-level section of the knowledge.
type Theme struct {
	Title  string
	Chunks int
}

// RefusalText is the answer given when the knowledge does not cover a
// question.
const RefusalText = "Je ne trouve pas la réponse à cette question dans les documents dont je dispose. " +
	"Essayez de la reformuler, ou consultez la liste des thèmes couverts."

// EnglishRefusalText answers a question asked in English that the
// documents, in French, do not let the engine answer.
const EnglishRefusalText = "Je réponds aux questions posées en français, à partir de documents en français. " +
	"Reformulez votre question en français, s’il vous plaît."

// Refusal returns the answer that says the knowledge does not cover the
// question, keeping the retrieved hits for inspection.
func Refusal(hits []Hit) Answer {
	return Answer{Text: RefusalText, Refused: true, Hits: hits}
}
