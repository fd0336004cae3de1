package knowledge

import (
	"regexp"
	"strings"
)

var (
	mdImage    = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdEmphasis = regexp.MustCompile("(\\*\\*|__|\\*|`+)")
	mdTag      = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	mdListItem = regexp.MustCompile(`^\s*([-*+]|\d+[.)])\s+`)
	mdRefDef   = regexp.MustCompile(`^\s*\[[^\]]+\]:\s*\S+`)
	mdHeading  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdSetext1  = regexp.MustCompile(`^=+\s*$`)
	mdSetext2  = regexp.MustCompile(`^-+\s*$`)
	mdRule     = regexp.MustCompile(`^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$`)
)

// parseMarkdown reads Markdown: ATX (#) and setext headings are sections;
// list items, quotes and fenced code become paragraphs; inline markup is
// removed, keeping link and image text.
func parseMarkdown(src string) []Section {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	lines = skipFrontMatter(lines)
	var o outline
	var para []string
	flush := func() {
		o.paragraph(mdInline(strings.Join(para, " ")))
		para = para[:0]
	}
	fence := ""
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
				flush()
				continue
			}
			para = append(para, trimmed)
			continue
		}
		switch {
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			flush()
			fence = trimmed[:3]
		case trimmed == "" || mdRefDef.MatchString(line):
			flush()
		case mdHeading.MatchString(trimmed):
			flush()
			m := mdHeading.FindStringSubmatch(trimmed)
			o.heading(len(m[1]), mdInline(m[2]))
		case len(para) == 1 && i > 0 && (mdSetext1.MatchString(trimmed) || mdSetext2.MatchString(trimmed)):
			level := 1
			if trimmed[0] == '-' {
				level = 2
			}
			title := para[0]
			para = para[:0]
			o.heading(level, mdInline(title))
		case mdRule.MatchString(trimmed): // thematic break: ends a paragraph, no text
			flush()
		case mdListItem.MatchString(line):
			flush()
			para = append(para, mdListItem.ReplaceAllString(line, ""))
		default:
			para = append(para, strings.TrimLeft(trimmed, "> "))
		}
	}
	flush()
	return o.sections
}

func mdInline(s string) string {
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdTag.ReplaceAllString(s, "")
	s = mdEmphasis.ReplaceAllString(s, "")
	return foldSpace(s)
}

func skipFrontMatter(lines []string) []string {
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return lines
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			return lines[i+1:]
		}
	}
	return lines
}
