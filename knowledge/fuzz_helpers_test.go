package knowledge

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

// Markers seeded inside hidden constructs by the fuzz targets: letters
// only, so that they survive folding and are found whole.
const (
	markFrontMatter = "qzxfrontmatter"
	markComment     = "qzxcomment"
	markScript      = "qzxscript"
	markHidden      = "qzxhidden"
	markStyle       = "qzxstyle"
)

var marks = []string{markFrontMatter, markComment, markScript, markHidden, markStyle}

// runeCount counts the runes of s that keep selects.
func runeCount(s string, keep func(rune) bool) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if keep(r) {
			m[r]++
		}
	}
	return m
}

func letterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// missing lists what want has more of than got.
func missing(got, want map[rune]int) string {
	var b strings.Builder
	for r, n := range want {
		if got[r] < n {
			fmt.Fprintf(&b, "%q×%d ", r, n-got[r])
		}
	}
	return b.String()
}

// bodyText is every block of a document, one a line.
func bodyText(d Document) string {
	var b strings.Builder
	for _, s := range d.Sections {
		for _, blk := range s.Blocks {
			b.WriteString(blk.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// allText is every heading and block of a document.
func allText(d Document) string {
	var b strings.Builder
	for _, s := range d.Sections {
		b.WriteString(s.Heading)
		b.WriteByte('\n')
	}
	b.WriteString(bodyText(d))
	return b.String()
}

// checkOutline checks what every document must satisfy: headings are
// never empty and end their trail, levels count the trail, blocks are
// never empty and of a known kind.
func checkOutline(t *testing.T, d Document) {
	t.Helper()
	for _, s := range d.Sections {
		if s.Level != len(s.Trail) {
			t.Fatalf("section %q: level %d, trail %q", s.Heading, s.Level, s.Trail)
		}
		if s.Level > 0 && (s.Heading == "" || s.Heading != s.Trail[s.Level-1]) {
			t.Fatalf("section at level %d has heading %q, trail %q", s.Level, s.Heading, s.Trail)
		}
		for _, h := range s.Trail {
			if strings.TrimSpace(h) == "" {
				t.Fatalf("empty heading in trail %q", s.Trail)
			}
		}
		if s.Level == 0 && s.Heading != "" {
			t.Fatalf("preamble with heading %q", s.Heading)
		}
		if len(s.Blocks) == 0 {
			t.Fatalf("section %q has no block", s.Heading)
		}
		for _, b := range s.Blocks {
			if strings.TrimSpace(b.Text) == "" || b.Kind < Paragraph || b.Kind > Quote {
				t.Fatalf("section %q: block %+v", s.Heading, b)
			}
		}
	}
}
