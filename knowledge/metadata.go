package knowledge

import (
	"net/url"
	"strings"
	"unicode"
)

// webURL returns s when it is an absolute http or https URL, "" otherwise:
// a document's URL becomes a link in answers, so a javascript: or data:
// URL, a relative path or anything with spaces is dropped.
func webURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 2048 || strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}) >= 0 {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return s
	}
	return ""
}
