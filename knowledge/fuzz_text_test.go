package knowledge

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzText: every character of a text file ends up in a title or a block.
// The characters compared are those foldSpace keeps: all but white space,
// control characters and zero-width spaces.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"Bureaux régionaux\nBuenos Aires\nNairobi\nAbidjan\nSan Salvador\nBangkok\n\nLes bureaux régionaux relaient les demandes.",
		"0\n0\n0\n0",
		"Premier\n\nSecond\nLe texte.\n",
		"Titre\r\n- un\r\n- deux\r\nFin.",
		"\ufeffA\n\u200b\nB\x01C\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 {
			t.Skip("Parse refuses it, with ErrNotUTF8 or ErrBinary")
		}
		kept := func(r rune) bool { return !unicode.IsSpace(r) && !unicode.IsControl(r) && r != '\u200b' }
		want := runeCount(strings.TrimPrefix(src, "\ufeff"), kept)
		doc, err := Parse("f.txt", []byte(src))
		if errors.Is(err, ErrEmpty) && len(want) == 0 {
			return
		}
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		checkOutline(t, doc)
		got := runeCount(allText(doc), kept)
		if m, extra := missing(got, want), missing(want, got); m != "" || extra != "" {
			t.Fatalf("characters lost: %s; added: %s\n%s", m, extra, render([]Document{doc}))
		}
	})
}
