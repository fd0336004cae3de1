package knowledge

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func files(m map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range m {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

const prose = "Titre\nINTERPOL coopère avec l’ONU depuis 1996.\n"

func TestLoadSkipsUnusableFiles(t *testing.T) {
	tests := []struct {
		name    string
		fsys    fs.FS
		docs    []string          // names of the loaded documents, in order
		skipped map[string]string // name → part of the reason
		err     error
	}{
		{
			name: "empty folder",
			fsys: fstest.MapFS{},
			err:  ErrNoDocuments,
		},
		{
			name: "only unsupported files",
			fsys: files(map[string]string{
				"rapport.odt": "PK", "notes.docx": "PK", "LISEZMOI": prose, "logo.png": "\x89PNG",
			}),
			err: ErrNoDocuments,
		},
		{
			name:    "a damaged PDF among text",
			fsys:    files(map[string]string{"rapport.pdf": "%PDF-1.7", "image.pdf": "\x89PNG", "a.txt": prose}),
			docs:    []string{"a.txt"},
			skipped: map[string]string{"rapport.pdf": "malformed", "image.pdf": "not a PDF file"},
		},
		{
			name: "binary file among text",
			fsys: files(map[string]string{"photo.txt": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt": prose}),
			docs: []string{"a.txt"},
			skipped: map[string]string{
				"photo.txt": "binary",
			},
		},
		{
			name:    "UTF-16 text has NUL bytes",
			fsys:    files(map[string]string{"utf16.txt": "\xff\xfeT\x00i\x00t\x00", "a.md": "# Titre\n\nTexte."}),
			docs:    []string{"a.md"},
			skipped: map[string]string{"utf16.txt": "binary"},
		},
		{
			name:    "Latin-1 text",
			fsys:    files(map[string]string{"latin1.txt": "Coop\xe9ration polici\xe8re internationale.\n", "a.txt": prose}),
			docs:    []string{"a.txt"},
			skipped: map[string]string{"latin1.txt": "UTF-8"},
		},
		{
			name: "empty and blank documents",
			fsys: files(map[string]string{
				"vide.txt":     "",
				"blanc.md":     " \n\t\r\n\u00a0\n",
				"titres.md":    "---\ntitle: Rien\n---\n# Titre seul\n## Sous-titre\n",
				"script.html":  "<html><head><title>T</title></head><body><script>var x = 1;</script><nav>Accueil</nav></body></html>",
				"bom-seul.txt": "\xef\xbb\xbf",
				"a.txt":        prose,
			}),
			docs: []string{"a.txt"},
			skipped: map[string]string{
				"vide.txt": "empty", "blanc.md": "empty", "titres.md": "empty", "script.html": "empty", "bom-seul.txt": "empty",
			},
		},
		{
			name:    "every document unusable",
			fsys:    files(map[string]string{"vide.txt": "", "latin1.md": "\xe9t\xe9"}),
			skipped: map[string]string{"vide.txt": "empty", "latin1.md": "UTF-8"},
			err:     ErrNoDocuments,
		},
		{
			name: "hidden files and folders",
			fsys: files(map[string]string{
				".brouillon.txt": prose, ".git/notes.md": "# Notes\n\nTexte.", "guides/.cache/vieux.html": "<p>Vieux texte.</p>",
				"guides/.vide.txt": "", "a.txt": prose,
			}),
			docs: []string{"a.txt"},
		},
		{
			name: "nested folders and case-insensitive extensions",
			fsys: files(map[string]string{
				"z.txt": prose, "guides/faq.MD": "# FAQ\n\nRéponse.", "guides/pays/france.htm": "<h1>France</h1><p>Texte.</p>",
				"guides/pays/espagne.HTML": "<h1>Espagne</h1><p>Texte.</p>", "a.TXT": prose,
				"guides-2024.txt": prose, "guides.markdown": "Titre\n=====\n\nTexte.",
			}),
			docs: []string{
				"a.TXT", "guides-2024.txt", "guides.markdown", "guides/faq.MD",
				"guides/pays/espagne.HTML", "guides/pays/france.htm", "z.txt",
			},
		},
		{
			name: "unreadable file",
			fsys: faultyFS{
				fs:      files(map[string]string{"secret.txt": prose, "a.txt": prose}),
				openErr: map[string]error{"secret.txt": fs.ErrPermission},
			},
			docs:    []string{"a.txt"},
			skipped: map[string]string{"secret.txt": "unreadable: permission denied"},
		},
		{
			name: "read fails",
			fsys: faultyFS{
				fs:      files(map[string]string{"réseau.md": "# T\n\nTexte.", "a.txt": prose}),
				readErr: map[string]error{"réseau.md": errors.New("input/output error")},
			},
			docs:    []string{"a.txt"},
			skipped: map[string]string{"réseau.md": "unreadable: input/output error"},
		},
		{
			name: "unreadable folder",
			fsys: faultyFS{
				fs:      files(map[string]string{"archives/2019.txt": prose, "a.txt": prose}),
				openErr: map[string]error{"archives": fs.ErrPermission},
			},
			docs:    []string{"a.txt"},
			skipped: map[string]string{"archives": "unreadable folder: permission denied"},
		},
		{
			name: "too big",
			fsys: faultyFS{
				fs:   files(map[string]string{"énorme.txt": prose, "juste.txt": prose, "a.txt": prose}),
				size: map[string]int64{"énorme.txt": MaxFileSize + 1, "juste.txt": MaxFileSize},
			},
			docs:    []string{"a.txt", "juste.txt"},
			skipped: map[string]string{"énorme.txt": "too big"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, skipped, err := Load(tt.fsys)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if got := names(docs); !slices.Equal(got, tt.docs) {
				t.Errorf("documents = %q, want %q", got, tt.docs)
			}
			got := map[string]string{}
			for _, s := range skipped {
				got[s.Name] = s.Reason
			}
			if len(got) != len(tt.skipped) {
				t.Errorf("skipped = %q, want the reasons for %q", got, tt.skipped)
			}
			for name, want := range tt.skipped {
				if !strings.Contains(got[name], want) {
					t.Errorf("skipped %s: reason %q, want it to say %q", name, got[name], want)
				}
				if strings.Contains(got[name], name) {
					t.Errorf("skipped %s: reason %q repeats the name", name, got[name])
				}
			}
		})
	}
}

func TestLoadRootUnreadable(t *testing.T) {
	fsys := faultyFS{fs: fstest.MapFS{}, openErr: map[string]error{".": fs.ErrPermission}}
	_, _, err := Load(fsys)
	if err == nil || errors.Is(err, ErrNoDocuments) || !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("err = %v, want the permission error", err)
	}
}

func TestLoadCleansText(t *testing.T) {
	fsys := files(map[string]string{
		"bom.txt":   "\xef\xbb\xbfAntiterrorisme\r\nINTERPOL coopère avec l’ONU\r\ndepuis 1996.\r\n",
		"crlf.md":   "\xef\xbb\xbf# Antiterrorisme\r\n\r\nINTERPOL coopère avec l’ONU\r\ndepuis 1996.\r\n",
		"crlf.html": "\xef\xbb\xbf<h1>Antiterrorisme</h1>\r\n<p>INTERPOL coopère avec l’ONU\r\ndepuis 1996.</p>\r\n",
		"setext.md": "Antiterrorisme\r\n==============\r\n\r\nINTERPOL coopère avec l’ONU\r\ndepuis 1996.\r\n",
	})
	docs, skipped, err := Load(fsys)
	if err != nil || len(skipped) != 0 {
		t.Fatalf("Load: skipped %v, err %v", skipped, err)
	}
	want := []Section{{
		Heading: "Antiterrorisme",
		Trail:   []string{"Antiterrorisme"},
		Level:   1,
		Blocks:  []Block{{Kind: Paragraph, Text: "INTERPOL coopère avec l’ONU depuis 1996."}},
	}}
	for _, d := range docs {
		if !reflect.DeepEqual(d.Sections, want) {
			t.Errorf("%s: sections = %+v, want %+v", d.Name, d.Sections, want)
		}
	}
	if len(docs) != len(fsys) {
		t.Errorf("loaded %q, want all of the folder", names(docs))
	}
}

// TestLoadDir loads a real folder on disk.
func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.txt", prose)
	write("guides/pays/france.md", "# France\n\nTexte.")
	write("guides/faq.html", "<h2>FAQ</h2><p>Réponse.</p>")
	write(".git/HEAD.txt", prose)
	write("guides/.~verrou.txt", "")
	write("latin1.txt", "\xe9t\xe9")
	write("image.jpg", "\xff\xd8\xff")

	fsys, err := Dir(dir)
	if err != nil {
		t.Fatalf("Dir: %v", err)
	}
	first, skipped, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{"b.txt", "guides/faq.html", "guides/pays/france.md"}
	if got := names(first); !slices.Equal(got, want) {
		t.Errorf("documents = %q, want %q", got, want)
	}
	if len(skipped) != 1 || skipped[0].Name != "latin1.txt" {
		t.Errorf("skipped = %v, want only latin1.txt", skipped)
	}
	again, _, err := Load(fsys)
	if err != nil || !reflect.DeepEqual(first, again) {
		t.Errorf("a second Load differs from the first (err %v)", err)
	}
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "connaissances")
	if _, err := Dir(missing); err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("Dir(missing) = %v, want a not-exist error naming %s", err, missing)
	}

	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte(prose), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Dir(file); err == nil || !strings.Contains(err.Error(), file) || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("Dir(file) = %v, want a not-a-folder error naming %s", err, file)
	}

	fsys, err := Dir(dir)
	if err != nil {
		t.Fatalf("Dir(folder): %v", err)
	}
	docs, _, err := Load(fsys)
	if err != nil || len(docs) != 1 || docs[0].Name != "notes.txt" {
		t.Errorf("Load(Dir(folder)) = %q, %v; want notes.txt", names(docs), err)
	}

	empty := filepath.Join(dir, "vide")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	fsys, err = Dir(empty)
	if err != nil {
		t.Fatalf("Dir(empty): %v", err)
	}
	if _, _, err := Load(fsys); !errors.Is(err, ErrNoDocuments) {
		t.Errorf("Load(empty folder) = %v, want ErrNoDocuments", err)
	}
}
