// Package knowledge loads the documents the assistant answers from, plain
// text, Markdown, HTML and PDF files, and splits them into sections of
// typed blocks. It imports nothing of the assistant's and does not log:
// a file it cannot use is reported (Skipped), not printed.
//
// Load reads a folder (Dir opens one on disk without ever leaving it;
// Default is the knowledge built into the binary); Parse reads one file,
// with the same rules, so that an upload can be checked before it is
// stored. Errors wrap a reason (ErrUnsupported, ErrTooBig, ErrBinary,
// ErrNotUTF8, ErrEmpty, ErrNoText, ErrMalformed, ErrUnreadable,
// ErrNotRegular) and never repeat the file's name.
//
// Union composes what Load reads from several places: a folder as it is,
// beside it other folders (Folder) and files made when read (Generated),
// each under a top-level name of its own that never shadows the base's.
// RenderQA writes questions and their answers as a Markdown document that
// Parse reads back section by section, whatever the texts hold.
//
// # Sections and blocks
//
// A Document is a list of Sections, each with its heading and the trail
// of headings above it; the top-level headings are the themes. A section's
// body is a list of Blocks, each of a kind: Paragraph, ListItem, Code,
// TableRow or Quote. So that each block reads on its own:
//
//   - a table row names each cell by its column header, « Header : value »,
//     cells joined by « — »: "Commande : apt-get update — Effet : met à
//     jour la liste";
//   - a nested list item starts with the opening text of its parents
//     (the three innermost), each shortened to about 60 characters, joined
//     by « › »: "Échange de renseignements › notices jaunes";
//   - code keeps its lines and indentation; other blocks have their white
//     space folded.
//
// # Formats
//
// Plain text (.txt): every character ends up in a title or a block. A
// short line without final punctuation that starts a paragraph and is
// followed by text is a title; short lines right after a title, after a
// line ending with a colon or after each other are list items; bulleted
// and numbered lines are list items, kept as written; other lines form
// paragraphs, hard-wrapped lines joined back.
//
// Markdown (.md, .markdown) is parsed by goldmark (CommonMark with GitHub
// tables and strikethrough): headings of every level are sections; inline
// markup is dropped, keeping the text of links, code spans and images'
// descriptions. Front matter is never text: its title: is the document's
// Title, its source: (or url:) its URL.
//
// HTML (.html, .htm): h1–h3 are sections; the <title> is the Title, the
// canonical link (or og:url) the URL.
//
// PDF (.pdf): a section per entry of the outline, or else per page
// (« Page 3 »); the Info dictionary's title is the Title. A PDF without
// text (a scan) is ErrNoText. Hostile files are bounded: 20 s, 10,000
// pages, MaxFileSize of page content once decompressed, 2^20 objects.
//
// Only visible text is indexed. In HTML, and in Markdown's raw HTML,
// comments, scripts, styles, the head, navigation, frames, text areas,
// templates, noscript, closed dialogs and every element hidden by the
// hidden attribute, aria-hidden="true" or an inline display:none or
// visibility:hidden are dropped. A document URL is kept only when it is an
// absolute http or https URL without credentials.
package knowledge
