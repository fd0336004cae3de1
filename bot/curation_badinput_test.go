package bot

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/interpol-onu/assistant/bot/internal/fakediscord"
	"github.com/interpol-onu/assistant/knowledge"
)

func withDownloadTimeout(d time.Duration) Option {
	return func(o *options) { o.downloadTimeout = d }
}

// TestBadDocumentsChangeNothing sends /document ajouter every kind of
// file that must be refused: each gets a clear private message, what
// can be refused before the download is not downloaded, and nothing is
// stored or reloaded.
func TestBadDocumentsChangeNothing(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{})
	c.tolerate(fakediscord.IsDownload) // the missing file's 404
	before := docNames(c.engine)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(make([]byte, 64<<20)) // 64 MiB of zeros in 64 KiB
	zw.Close()
	bomb, err := os.ReadFile(filepath.Join("testdata", "curation", "bomb.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	scan, err := os.ReadFile(filepath.Join("testdata", "curation", "scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	redirect := http.Header{"Location": {"https://evil.example.org/guide.md"}}
	big := bytes.Repeat([]byte("Un texte trop long. "), knowledge.MaxFileSize/20+1)

	tests := []struct {
		name     string
		file     fakediscord.File
		change   func(*discordgo.MessageAttachment) // what the attachment claims
		want     string
		download bool // the file had to be downloaded to be refused
	}{
		{name: "wrong type", file: fakediscord.File{Name: "photo.png", Content: []byte("\x89PNG\r\n\x1a\n\x00\x00")},
			want: "type de fichier non pris en charge (.md, .txt, .html ou .pdf)"},
		{name: "zip", file: fakediscord.File{Name: "archive.zip", Content: []byte("PK\x03\x04\x14\x00\x00\x00")},
			want: "type de fichier non pris en charge"},
		{name: "renamed binary", file: fakediscord.File{Name: "notes.txt", Content: []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00")},
			want: "il est inutilisable : contenu binaire, pas du texte", download: true},
		{name: "renamed zip", file: fakediscord.File{Name: "archive.md", Content: []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")},
			want: "contenu binaire, pas du texte", download: true},
		{name: "zip bomb sent compressed", download: true, want: "contenu binaire, pas du texte", // not inflated
			file: fakediscord.File{Name: "bombe.md", Content: gz.Bytes(), Header: http.Header{"Content-Encoding": {"gzip"}}}},
		{name: "decompression-heavy PDF", file: fakediscord.File{Name: "bombe.pdf", Content: bomb}, download: true,
			want: "il est inutilisable : trop volumineux ou trop complexe (16 Mio au plus)"},
		{name: "scanned PDF", file: fakediscord.File{Name: "scan.pdf", Content: scan}, download: true,
			want: "aucun texte à extraire (un PDF numérisé, peut-être"},
		{name: "empty", file: fakediscord.File{Name: "vide.md"}, download: true, want: "vide : aucun texte à exploiter"},
		{name: "not UTF-8", file: fakediscord.File{Name: "latin1.txt", Content: []byte("\xe9t\xe9 \xe0 Paris")}, download: true,
			want: "pas en UTF-8"},
		{name: "over the cap, said", file: fakediscord.File{Name: "gros.md", Content: []byte("petit")},
			change: func(a *discordgo.MessageAttachment) { a.Size = 17 << 20 },
			want:   "il fait 17,0 Mio, et j’en accepte 16 Mio au plus ; je ne l’ai pas téléchargé"},
		{name: "over the cap, announced", file: fakediscord.File{Name: "menteur.md", Content: big}, download: true,
			change: func(a *discordgo.MessageAttachment) { a.Size = 100 },
			want:   "il dépasse 16 Mio : j’ai arrêté le téléchargement"},
		{name: "over the cap, streamed", file: fakediscord.File{Name: "flux.md", Content: big, Chunked: true}, download: true,
			change: func(a *discordgo.MessageAttachment) { a.Size = 100 },
			want:   "il dépasse 16 Mio : j’ai arrêté le téléchargement"},
		{name: "path", file: fakediscord.File{Name: "../secret.md", Content: []byte("# A\n\nB.")}, want: "son nom contient une barre oblique"},
		{name: "backslash", file: fakediscord.File{Name: `dossier\x.md`, Content: []byte("# A\n\nB.")}, want: "son nom contient une barre oblique"},
		{name: "dot dot", file: fakediscord.File{Name: "a..b.md", Content: []byte("# A\n\nB.")}, want: "son nom contient « .. »"},
		{name: "hidden", file: fakediscord.File{Name: ".cache.md", Content: []byte("# A\n\nB.")}, want: "son nom commence par un point"},
		{name: "control", file: fakediscord.File{Name: "a\x07.md", Content: []byte("# A\n\nB.")}, want: "son nom contient un caractère de contrôle"},
		{name: "space", file: fakediscord.File{Name: " a.md", Content: []byte("# A\n\nB.")}, want: "son nom commence ou finit par une espace"},
		{name: "foreign host", file: fakediscord.File{Name: "guide.md", Content: []byte("# A\n\nB.")},
			change: func(a *discordgo.MessageAttachment) { a.URL, a.ProxyURL = "https://evil.example.org/guide.md", "" },
			want:   "je ne télécharge les pièces jointes que depuis Discord"},
		{name: "redirect to a foreign host", file: fakediscord.File{Name: "guide.md", Status: http.StatusFound, Header: redirect},
			download: true, want: "je ne télécharge les pièces jointes que depuis Discord"},
		{name: "missing", file: fakediscord.File{Name: "guide.md", Status: http.StatusNotFound}, download: true,
			want: "je n’ai pas pu le télécharger depuis Discord"},
	}
	for _, tt := range tests {
		att := c.fake.Attach(tt.file)
		if tt.change != nil {
			tt.change(att)
		}
		downloads := len(c.fake.Requests(fakediscord.IsDownload))
		got := c.privateReply(c.addDocument(moderator("10"), att))
		if !strings.HasPrefix(got, "Je ne peux pas ajouter « ") || !strings.Contains(got, tt.want) || !strings.HasSuffix(got, "Rien n’a changé.") {
			t.Errorf("%s: got %q, want a refusal saying %q", tt.name, got, tt.want)
		}
		if n := len(c.fake.Requests(fakediscord.IsDownload)) - downloads; (n > 0) != tt.download {
			t.Errorf("%s: %d downloads, want any: %v", tt.name, n, tt.download)
		}
	}
	if files := storedFiles(t, c.dataDir); len(files) != 0 {
		t.Errorf("refused files left %v in the documents folder", files)
	}
	if docs, err := c.db.Documents(context.Background()); err != nil || len(docs) != 0 {
		t.Errorf("refused files recorded: %v, %v", docs, err)
	}
	if after := docNames(c.engine); !slices.Equal(after, before) {
		t.Errorf("the knowledge changed: %v, was %v", after, before)
	}
	if strings.Contains(c.logs.String(), "knowledge reloaded") {
		t.Errorf("a refused file reloaded the knowledge")
	}
}

// TestStalledDownloadTimesOut: a download that does not come within its
// time limit is given up, and nothing changes.
func TestStalledDownloadTimesOut(t *testing.T) {
	t.Parallel()
	c := startCurated(t, "", curatedOptions{botOpts: []Option{withDownloadTimeout(300 * time.Millisecond)}})
	att := c.fake.Attach(fakediscord.File{Name: "lent.md", Content: []byte("# A\n\nB."), Delay: time.Minute})
	got := c.privateReply(c.addDocument(moderator("10"), att))
	mustContain(t, "a stalled download", got, "je n’ai pas pu le télécharger depuis Discord (délai dépassé", "Rien n’a changé.")
	if files := storedFiles(t, c.dataDir); len(files) != 0 {
		t.Errorf("a stalled download left %v", files)
	}
}
