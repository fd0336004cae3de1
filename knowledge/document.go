package knowledge

// Document is one loaded file, split into sections.
type Document struct {
	// Name is the file's path relative to the knowledge root, with
	// forward slashes ("interpol-onu.txt", "guides/faq.md").
	Name string
	// Title is the title the document declares, if any: Markdown front
	// matter's title:, HTML's <title>. It is metadata, not a section.
	Title string
	// URL is where the document is published, if it says so: Markdown
	// front matter's source: or url:, HTML's <link rel="canonical"> or
	// <meta property="og:url">. Only absolute http and https URLs are
	// kept.
	URL string
	// Sections in reading order. Text before the first heading forms a
	// section with an empty Heading.
	Sections []Section
}

// Section is a titled part of a document.
type Section struct {
	// Heading is the section's own title ("" for a preamble).
	Heading string
	// Trail lists the headings from the outermost one down to Heading
	// itself. Trail[0] is the section's theme.
	Trail []string
	// Level is the heading depth: 1 for a top-level title.
	Level int
	// Blocks holds the body in reading order: paragraphs, list items,
	// code, table rows and quotes. A heading is never a block.
	Blocks []Block
}

// Theme returns the top-level heading the section belongs to, or "".
func (s Section) Theme() string {
	if len(s.Trail) == 0 {
		return ""
	}
	return s.Trail[0]
}

// Texts returns the text of each block, in order.
func (s Section) Texts() []string {
	out := make([]string, len(s.Blocks))
	for i, b := range s.Blocks {
		out[i] = b.Text
	}
	return out
}

// Skipped tells why a file of the knowledge directory was not loaded.
type Skipped struct {
	Name   string
	Reason string // Err's text
	Err    error  // wraps one of the Err… reasons (ErrUnreadable, ErrTooBig, ErrEmpty…)
}
