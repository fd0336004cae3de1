package embedcache

import (
	"math"
	"os"
	"strings"
	"testing"
)

// A damaged file is reported, moved aside and rebuilt, never trusted.
func TestCorruptCacheIsRebuilt(t *testing.T) {
	damages := map[string]func([]byte) []byte{
		"truncated":          func(b []byte) []byte { return b[:len(b)/2] },
		"one byte flipped":   func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b },
		"empty":              func([]byte) []byte { return nil },
		"not a cache file":   func([]byte) []byte { return []byte("{\"vectors\": []}\n") },
		"checksum only":      func(b []byte) []byte { b[len(b)-1] ^= 1; return b },
		"other version":      func(b []byte) []byte { b[7] = '2'; return b },
		"trailing garbage":   func(b []byte) []byte { return append(b, 0, 1, 2, 3) },
		"another embedder":   nil, // a file written for another name, under this name
		"unreadable (a dir)": nil,
	}
	texts := corpus(3, 4)
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			e := mustOpen(t, dir, &counting{name: "fake:m", dims: 8}, nil)
			mustEmbed(t, e, texts)
			data, err := os.ReadFile(e.Path())
			if err != nil {
				t.Fatal(err)
			}
			switch name {
			case "another embedder":
				other := mustOpen(t, t.TempDir(), &counting{name: "fake:other", dims: 8}, nil)
				mustEmbed(t, other, texts)
				data, _ = os.ReadFile(other.Path())
			case "unreadable (a dir)":
				os.Remove(e.Path())
				if err := os.Mkdir(e.Path(), 0o755); err != nil {
					t.Fatal(err)
				}
				data = nil
			default:
				data = damage(data)
			}
			if data != nil || name == "empty" {
				if err := os.WriteFile(e.Path(), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}

			logs := &logBuffer{}
			inner := &counting{name: "fake:m", dims: 8}
			reopened := mustOpen(t, dir, inner, logs)
			if reopened.Len() != 0 {
				t.Errorf("damaged cache trusted: %d vectors", reopened.Len())
			}
			if !strings.Contains(logs.String(), "embedding cache unusable") {
				t.Errorf("damage not reported:\n%s", logs)
			}
			if _, err := os.Stat(e.Path() + ".corrupt"); err != nil {
				t.Errorf("damaged file not moved aside: %v", err)
			}
			mustEmbed(t, reopened, texts)
			if _, n := inner.embedded(); n != len(texts) {
				t.Errorf("rebuild embedded %d texts, want %d", n, len(texts))
			}
			again := &counting{name: "fake:m", dims: 8}
			mustEmbed(t, mustOpen(t, dir, again, nil), texts)
			if calls, _ := again.embedded(); calls != 0 {
				t.Errorf("rebuilt cache not used after a restart: %d calls", calls)
			}
		})
	}
}

func TestDecodeRejectsNonFiniteValues(t *testing.T) {
	var buf strings.Builder
	s := snapshot{name: "fake:m", dims: 2, vectors: map[key][]float32{{1}: {1, float32(math.NaN())}}}
	if err := encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	if _, err := decode([]byte(buf.String())); err == nil || !strings.Contains(err.Error(), "non-finite") {
		t.Errorf("err = %v, want a non-finite value rejected", err)
	}
}
