package knowledge

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDirStaysInside checks that a link to a file outside the knowledge
// folder (a secrets file, say) is skipped, not loaded, and that a named
// pipe is skipped instead of blocking the load forever.
func TestDirStaysInside(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secrets.txt")
	if err := os.WriteFile(secret, []byte("Jeton secret\nDISCORD_TOKEN=ne-doit-pas-fuiter.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "vrai.txt"), []byte("Titre\nUn paragraphe de vraie connaissance.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "lien.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "tube.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	fsys, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs, skipped, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Name != "vrai.txt" {
		t.Fatalf("loaded %v, want only vrai.txt", docs)
	}
	reasons := make(map[string]string)
	for _, s := range skipped {
		reasons[s.Name] = s.Reason
		if s.Name == "tube.txt" && !errors.Is(s.Err, ErrNotRegular) {
			t.Errorf("pipe: Err = %v, want ErrNotRegular", s.Err)
		}
		if s.Name == "lien.txt" && !errors.Is(s.Err, ErrUnreadable) {
			t.Errorf("link: Err = %v, want ErrUnreadable", s.Err)
		}
	}
	if _, ok := reasons["lien.txt"]; !ok {
		t.Errorf("link outside the folder not skipped: %v", skipped)
	}
	if !strings.Contains(reasons["tube.txt"], "not a regular file") {
		t.Errorf("pipe: reason %q, want not a regular file", reasons["tube.txt"])
	}
	for _, s := range skipped {
		if strings.Contains(s.Reason, "ne-doit-pas-fuiter") {
			t.Errorf("skip reason leaks the file: %q", s.Reason)
		}
	}
}

// TestDirFollowsAReplacedFolder: a deployment that swaps the folder a
// symbolic link points to is seen by the next load.
func TestDirFollowsAReplacedFolder(t *testing.T) {
	base := t.TempDir()
	v1, v2 := filepath.Join(base, "v1"), filepath.Join(base, "v2")
	for dir, text := range map[string]string{v1: "Ancien\nLe texte de la première version.\n", v2: "Nouveau\nLe texte de la seconde version.\n"} {
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "doc.txt"), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	current := filepath.Join(base, "current")
	if err := os.Symlink(v1, current); err != nil {
		t.Fatal(err)
	}
	fsys, err := Dir(current)
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := Load(fsys)
	if err != nil || docs[0].Sections[0].Heading != "Ancien" {
		t.Fatalf("first load: %v, %v", docs, err)
	}
	// Swap atomically, then remove the old version.
	tmp := filepath.Join(base, "next")
	if err := os.Symlink(v2, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, current); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(v1); err != nil {
		t.Fatal(err)
	}
	docs, _, err = Load(fsys)
	if err != nil || docs[0].Sections[0].Heading != "Nouveau" {
		t.Fatalf("load after the swap: %v, %v; want the new version", docs, err)
	}
}
