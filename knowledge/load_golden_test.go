package knowledge

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interpol-onu/assistant/internal/testsupport"
)

// TestLoadGolden loads each fixture of testdata/loaders and compares a
// readable rendering of the result with <fixture>.golden.
func TestLoadGolden(t *testing.T) {
	fixtures, err := filepath.Glob(filepath.Join("testdata", "loaders", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, fixture := range fixtures {
		name := filepath.Base(fixture)
		if strings.HasSuffix(name, ".golden") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			docs, skipped, err := Load(singleFileFS(t, filepath.Join("testdata", "loaders", name)))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(skipped) != 0 {
				t.Fatalf("skipped = %v, want none", skipped)
			}
			testsupport.Golden(t, filepath.Join("testdata", "loaders", name+".golden"), render(docs))
		})
	}
}

// singleFileFS returns a folder holding only the file at path, so that a
// fixture loads on its own.
func singleFileFS(t *testing.T, path string) fstest.MapFS {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{filepath.Base(path): {Data: data}}
}

// render writes documents in a form meant to be read by eye in a diff.
func render(docs []Document) string {
	var b strings.Builder
	for _, d := range docs {
		fmt.Fprintf(&b, "== %s\n", d.Name)
		if d.Title != "" {
			fmt.Fprintf(&b, "title: %s\n", d.Title)
		}
		if d.URL != "" {
			fmt.Fprintf(&b, "url: %s\n", d.URL)
		}
		for _, s := range d.Sections {
			fmt.Fprintf(&b, "\n## [%d] %s\n", s.Level, strings.Join(s.Trail, " > "))
			if len(s.Trail) > 0 && s.Heading != s.Trail[len(s.Trail)-1] || len(s.Trail) == 0 && s.Heading != "" {
				fmt.Fprintf(&b, "!! heading %q is not the end of its trail\n", s.Heading)
			}
			for _, blk := range s.Blocks {
				renderBlock(&b, blk)
			}
		}
	}
	return b.String()
}

// renderBlock writes a block on a line marked with its kind; code keeps
// its lines, each indented by four spaces.
func renderBlock(b *strings.Builder, blk Block) {
	switch blk.Kind {
	case Code:
		b.WriteString("code:\n")
		for _, line := range strings.Split(blk.Text, "\n") {
			fmt.Fprintf(b, "    %s\n", line)
		}
	case ListItem:
		fmt.Fprintf(b, "li: %s\n", blk.Text)
	case TableRow:
		fmt.Fprintf(b, "row: %s\n", blk.Text)
	case Quote:
		fmt.Fprintf(b, "quote: %s\n", blk.Text)
	default:
		fmt.Fprintf(b, "p: %s\n", blk.Text)
	}
}
