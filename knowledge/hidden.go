package knowledge

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hiddenElement reports whether an element's text is never shown to a
// reader, so that it is never indexed: scripts, styles, the page's head,
// navigation, embedded frames and fields, templates, noscript fallbacks,
// closed dialogs, and any element hidden by the hidden attribute,
// aria-hidden="true", or an inline display:none or visibility:hidden.
// HTML pages and the raw HTML of Markdown share these rules.
func hiddenElement(a atom.Atom, tag string, attrs []html.Attribute) bool {
	switch a {
	case atom.Head, atom.Title, atom.Script, atom.Style, atom.Template, atom.Noscript,
		atom.Iframe, atom.Textarea, atom.Nav, atom.Svg, atom.Datalist, atom.Noembed,
		atom.Noframes, atom.Object:
		return true
	case atom.Dialog:
		if !hasAttr(attrs, "open") {
			return true
		}
	case 0:
		if tag == "noembed" {
			return true
		}
	}
	for _, at := range attrs {
		switch strings.ToLower(at.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(at.Val), "true") {
				return true
			}
		case "style":
			if styleHides(at.Val) {
				return true
			}
		}
	}
	return false
}

func hasAttr(attrs []html.Attribute, key string) bool {
	for _, at := range attrs {
		if strings.EqualFold(at.Key, key) {
			return true
		}
	}
	return false
}

// styleHides reports whether an inline style hides its element:
// display:none, or visibility:hidden or collapse.
func styleHides(style string) bool {
	for decl := range strings.SplitSeq(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), "!important")))
		switch {
		case prop == "display" && val == "none",
			prop == "visibility" && (val == "hidden" || val == "collapse"):
			return true
		}
	}
	return false
}
