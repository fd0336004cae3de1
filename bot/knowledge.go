package bot

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/interpol-onu/assistant/internal/store"
	"github.com/interpol-onu/assistant/knowledge"
)

// Where the engine sees what moderators add (Knowledge): the documents
// under a folder of their own, their answers as one document whose
// sections are the questions, cited as « Réponses des modérateurs ».
const (
	AddedFolder     = "ajouts"
	AnswersDocument = "Réponses des modérateurs.md"
	AnswersTitle    = "Réponses des modérateurs"
)

// Knowledge returns what the engine loads when moderators curate it
// from Discord: base (the knowledge folder, or the built-in knowledge)
// as it is; beside it the documents they added, in docsDir, as the
// folder AddedFolder; and their answers to the gaps as the document
// AnswersDocument, rendered from answers each time the engine loads it
// (it is absent while there is none). Neither can shadow a document of
// base (knowledge.Union). docsDir is created if missing.
func Knowledge(base fs.FS, docsDir string, answers func(context.Context) ([]store.GapAnswer, error)) (fs.FS, error) {
	if err := os.MkdirAll(docsDir, 0o700); err != nil {
		return nil, fmt.Errorf("create the documents folder: %w", err)
	}
	added, err := knowledge.Dir(docsDir)
	if err != nil {
		return nil, err
	}
	render := func() ([]byte, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		as, err := answers(ctx)
		if err != nil || len(as) == 0 {
			return nil, err
		}
		items := make([]knowledge.QA, len(as))
		for i, a := range as {
			items[i] = knowledge.QA{Question: a.Heading, Answer: a.Text}
		}
		return knowledge.RenderQA(AnswersTitle, items), nil
	}
	return knowledge.Union(base, knowledge.Folder(AddedFolder, added), knowledge.Generated(AnswersDocument, render)), nil
}
