package knowledge

import (
	"strings"
)

// frontMatter splits a Markdown document's front matter from its body:
// a YAML block that opens the file with a "---" line and closes with a
// "---" or "..." line. The front matter is never text; of its top-level
// "key: value" lines, title: is the document's title and source: (or
// url:) its URL. Without a closing line there is no front matter.
func frontMatter(src string) (title, link, body string) {
	first, rest, ok := strings.Cut(src, "\n")
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return "", "", src
	}
	var lines []string
	for len(rest) > 0 {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if trimmed := strings.TrimRight(line, " \t"); trimmed == "---" || trimmed == "..." {
			title, link = frontMatterFields(lines)
			return title, link, rest
		}
		lines = append(lines, line)
	}
	return "", "", src
}

func frontMatterFields(lines []string) (title, link string) {
	var source, url string
	for _, line := range lines {
		key, val, ok := strings.Cut(line, ":")
		if !ok || key != strings.TrimSpace(key) { // indented: not a top-level key
			continue
		}
		val = yamlScalar(val)
		switch strings.ToLower(key) {
		case "title":
			if title == "" {
				title = foldSpace(val)
			}
		case "source":
			if source == "" {
				source = webURL(val)
			}
		case "url":
			if url == "" {
				url = webURL(val)
			}
		}
	}
	if source != "" {
		return title, source
	}
	return title, url
}

// yamlScalar reads a one-line YAML scalar: quoted ('…' or "…") or plain,
// where a " #" starts a comment.
func yamlScalar(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 {
		switch q := s[0]; {
		case q == '\'' && s[len(s)-1] == '\'':
			return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
		case q == '"' && s[len(s)-1] == '"':
			r := strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, " ", `\t`, " ")
			return r.Replace(s[1 : len(s)-1])
		}
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
