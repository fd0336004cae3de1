package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// QA is a question and its answer: a section of a document RenderQA
// writes.
type QA struct {
	Question string
	Answer   string
}

// RenderQA writes a Markdown document whose only top-level heading is
// title (its theme) and that holds one section per item: the question,
// on one line, as its heading, each non-blank line of the answer as a
// paragraph. Every ASCII punctuation character of the texts is escaped
// and their indentation dropped, so that nothing a question or an answer
// holds can open a heading, a list, a link or raw HTML: Parse reads the
// texts back as written, white space folded. Items with an empty
// question or answer are left out.
func RenderQA(title string, items []QA) []byte {
	var b strings.Builder
	b.WriteString("# ")
	b.WriteString(escapeMarkdown(foldSpace(title)))
	b.WriteString("\n")
	for _, it := range items {
		q := foldSpace(it.Question)
		lines := nonBlankLines(it.Answer)
		if q == "" || len(lines) == 0 {
			continue
		}
		b.WriteString("\n## ")
		b.WriteString(escapeMarkdown(q))
		b.WriteString("\n")
		for _, line := range lines {
			b.WriteString("\n")
			b.WriteString(escapeMarkdown(line))
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

func nonBlankLines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if line = foldSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// escapeMarkdown puts a backslash before every ASCII punctuation
// character, which CommonMark then reads as that character itself.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf && (unicode.IsPunct(r) || unicode.IsSymbol(r)) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
