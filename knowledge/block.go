package knowledge

// Block is one unit of a section's body: a paragraph, a list item, a code
// block, a table row or a quote.
type Block struct {
	Kind BlockKind
	// Text is the block's text. White space is folded to single spaces,
	// except in Code, which keeps its lines and indentation as written.
	Text string
}

// BlockKind tells what a block is, so that an answer can keep a command
// or a table row together with the sentence that introduces it.
type BlockKind int

// The kinds of block. The zero value is Paragraph.
const (
	Paragraph BlockKind = iota
	ListItem            // one item of a list; a nested item is prefixed with its parents
	Code                // a code block, verbatim
	TableRow            // one row of a table, each cell named by its column
	Quote               // a paragraph of a quotation
)

var kindNames = [...]string{"paragraph", "list item", "code", "table row", "quote"}

func (k BlockKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}
