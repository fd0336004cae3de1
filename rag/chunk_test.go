package rag

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interpol-onu/assistant/knowledge"
)

// words is the vocabulary of generated paragraphs.
var words = strings.Fields(`coopération police nations unies terrorisme criminalité
organisée migrants victimes protection cybercriminalité convention observateur
développement durable objectifs paix justice institutions violence trafic armes
Vienne Genève New-York bureau représentant spécial mandat résolution conseil`)

// paragraph generates sentences of varied lengths, some far longer than
// usual, deterministically from r. Every word is numbered, so that no
// word repeats and a text repeated by the overlap cannot be mistaken for
// a coincidence.
func paragraph(r *rand.Rand, sentences int, seq *int) string {
	var b strings.Builder
	for i := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		n := 3 + r.IntN(12)
		if r.IntN(8) == 0 {
			n = 40 + r.IntN(60) // a sentence longer than a chunk
		}
		for j := range n {
			*seq++
			w := fmt.Sprintf("%s%d", words[r.IntN(len(words))], *seq)
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString([]string{".", " ?", " !", "…"}[r.IntN(4)])
	}
	return b.String()
}

func generatedDocs(seed uint64) []knowledge.Document {
	r := rand.New(rand.NewPCG(seed, 1))
	var docs []knowledge.Document
	seq := 0
	for d := range 3 {
		doc := knowledge.Document{Name: fmt.Sprintf("doc%d.md", d)}
		for s := range 4 {
			sec := knowledge.Section{
				Heading: fmt.Sprintf("Section %d.%d", d, s),
				Trail:   []string{fmt.Sprintf("Thème %d", d), fmt.Sprintf("Section %d.%d", d, s)},
				Level:   2,
			}
			for range 1 + r.IntN(4) {
				sec.Blocks = append(sec.Blocks, knowledge.Block{Text: paragraph(r, 1+r.IntN(6), &seq)})
			}
			doc.Sections = append(doc.Sections, sec)
		}
		docs = append(docs, doc)
	}
	return docs
}

// sectionOf finds the section a chunk claims to come from.
func sectionOf(t *testing.T, docs []knowledge.Document, c Chunk) knowledge.Section {
	t.Helper()
	for _, d := range docs {
		if d.Name != c.Document {
			continue
		}
		for _, s := range d.Sections {
			if s.Heading == c.Section && slices.Equal(s.Trail, c.Trail) {
				return s
			}
		}
	}
	t.Fatalf("chunk %s names no section of the input: %q %q", c.ID, c.Section, c.Trail)
	return knowledge.Section{}
}

func TestChunkDocumentsInvariants(t *testing.T) {
	for _, opt := range []ChunkOptions{
		{Size: 120, Overlap: 0},
		{Size: 120, Overlap: 50},
		{Size: 300, Overlap: 100},
		{Size: 900, Overlap: 200},
		{Size: 80, Overlap: 1000}, // capped at Size/2
	} {
		for seed := range uint64(5) {
			t.Run(fmt.Sprintf("size%d_overlap%d_seed%d", opt.Size, opt.Overlap, seed), func(t *testing.T) {
				docs := generatedDocs(seed)
				chunks := ChunkDocuments(docs, opt)
				checkChunks(t, docs, chunks, opt)
			})
		}
	}
}

func checkChunks(t *testing.T, docs []knowledge.Document, chunks []Chunk, opt ChunkOptions) {
	t.Helper()
	ids := make(map[string]bool)
	// Every word of a section, in order, must appear in its chunks; a
	// chunk's text is a run of the section's text (no straddling, no
	// word cut in two).
	covered := make(map[string]string) // section key → words seen, minus overlaps
	for i, c := range chunks {
		if ids[c.ID] {
			t.Errorf("duplicate chunk id %s", c.ID)
		}
		ids[c.ID] = true
		if !strings.HasPrefix(c.ID, c.Document+"#") {
			t.Errorf("chunk id %s does not name its document %s", c.ID, c.Document)
		}
		s := sectionOf(t, docs, c)
		body := strings.Join(s.Texts(), "\n\n")
		if !strings.Contains(body, c.Text) {
			t.Errorf("chunk %s is not a run of its section %q:\n%q", c.ID, s.Heading, c.Text)
		}
		fields := strings.Fields(body)
		for _, w := range strings.Fields(c.Text) {
			if !slices.Contains(fields, w) {
				t.Errorf("chunk %s cuts a word: %q", c.ID, w)
			}
		}
		if n := utf8.RuneCountInString(c.Text); n > opt.Size {
			long := slices.ContainsFunc(strings.Fields(c.Text), func(w string) bool { return utf8.RuneCountInString(w) > opt.Size })
			if !long {
				t.Errorf("chunk %s has %d characters, more than Size %d:\n%q", c.ID, n, opt.Size, c.Text)
			}
		}
		key := c.Document + "\x00" + c.Section
		text := c.Text
		sameSection := i > 0 && chunks[i-1].Document == c.Document && chunks[i-1].Section == c.Section
		if sameSection {
			text = dropOverlap(t, chunks[i-1].Text, c.Text, opt.Overlap)
		}
		covered[key] = strings.TrimSpace(covered[key] + " " + text)
		// Overlap says the same: Text[Overlap:] is the chunk's own text,
		// and what precedes it ends the previous chunk.
		if c.Overlap < 0 || c.Overlap > len(c.Text) || (c.Overlap > 0 && !sameSection) {
			t.Fatalf("chunk %s: Overlap %d of %d bytes", c.ID, c.Overlap, len(c.Text))
		}
		if c.Overlap > 0 && !strings.HasSuffix(chunks[i-1].Text, strings.TrimSpace(c.Text[:c.Overlap])) {
			t.Errorf("chunk %s repeats %q, which does not end the previous chunk", c.ID, c.Text[:c.Overlap])
		}
		if got, want := strings.Join(strings.Fields(c.Text[c.Overlap:]), " "), strings.Join(strings.Fields(text), " "); got != want {
			t.Errorf("chunk %s: own text %q, want %q", c.ID, got, want)
		}
	}
	for _, d := range docs {
		for _, s := range d.Sections {
			want := strings.Join(strings.Fields(strings.Join(s.Texts(), " ")), " ")
			got := strings.Join(strings.Fields(covered[d.Name+"\x00"+s.Heading]), " ")
			if got != want {
				t.Errorf("section %q is not covered exactly once by its chunks:\n got %q\nwant %q", s.Heading, got, want)
			}
		}
	}
}

// dropOverlap removes from cur the sentences repeated from prev, checking
// they are at most overlap characters, whole sentences ending prev, and
// from a single paragraph.
func dropOverlap(t *testing.T, prev, cur string, overlap int) string {
	t.Helper()
	best := 0
	for n := 1; n <= min(len(prev), len(cur)); n++ {
		if strings.HasSuffix(prev, cur[:n]) && (n == len(cur) || cur[n] == ' ' || cur[n] == '\n') {
			best = n
		}
	}
	if best == 0 {
		return cur
	}
	repeated := cur[:best]
	if utf8.RuneCountInString(repeated) > overlap {
		t.Errorf("overlap of %d characters, more than %d: %q", utf8.RuneCountInString(repeated), overlap, repeated)
	}
	if strings.Contains(repeated, "\n\n") {
		t.Errorf("overlap crosses a paragraph break: %q", repeated)
	}
	if best == len(cur) {
		t.Errorf("chunk repeats the previous one entirely: %q", cur)
	}
	return cur[best:]
}

func testSection(heading string, paragraphs ...string) knowledge.Section {
	blocks := make([]knowledge.Block, len(paragraphs))
	for i, p := range paragraphs {
		blocks[i] = knowledge.Block{Text: p}
	}
	return knowledge.Section{Heading: heading, Trail: []string{"Thème", heading}, Level: 2, Blocks: blocks}
}

func chunkTexts(docs []knowledge.Document, opt ChunkOptions) []string {
	var out []string
	for _, c := range ChunkDocuments(docs, opt) {
		out = append(out, c.Text)
	}
	return out
}

func TestChunkDocumentsCases(t *testing.T) {
	tests := []struct {
		name string
		secs []knowledge.Section
		opt  ChunkOptions
		want []string
	}{
		{
			name: "sections never share a chunk",
			secs: []knowledge.Section{testSection("A", "Un deux."), testSection("B", "Trois quatre.")},
			opt:  ChunkOptions{Size: 900},
			want: []string{"Un deux.", "Trois quatre."},
		},
		{
			name: "paragraphs packed with a blank line",
			secs: []knowledge.Section{testSection("A", "Un deux.", "Trois quatre.")},
			opt:  ChunkOptions{Size: 900},
			want: []string{"Un deux.\n\nTrois quatre."},
		},
		{
			name: "a paragraph break counts two characters",
			secs: []knowledge.Section{testSection("A", "Un deux trois.", "Cinq.")}, // 14 + 2 + 5 = 21
			opt:  ChunkOptions{Size: 20},
			want: []string{"Un deux trois.", "Cinq."},
		},
		{
			name: "long paragraph cut between sentences, overlap repeats the last one",
			secs: []knowledge.Section{testSection("A", "Alpha un. Beta deux. Gamma trois. Delta quatre.")},
			opt:  ChunkOptions{Size: 26, Overlap: 13},
			want: []string{"Alpha un. Beta deux.", "Beta deux. Gamma trois.", "Gamma trois. Delta quatre."},
		},
		{
			name: "overlap never repeats the previous paragraph",
			secs: []knowledge.Section{testSection("A", "Alpha un. Beta deux.", "Gamma trois. Delta quatre.")},
			opt:  ChunkOptions{Size: 26, Overlap: 13},
			want: []string{"Alpha un. Beta deux.", "Gamma trois. Delta quatre."},
		},
		{
			name: "overlap gives way rather than exceed Size",
			secs: []knowledge.Section{testSection("A", "Alpha un. Beta deux trois quatre cinq six.")},
			opt:  ChunkOptions{Size: 32, Overlap: 16},
			want: []string{"Alpha un.", "Beta deux trois quatre cinq six."},
		},
		{
			name: "huge sentence cut between words",
			secs: []knowledge.Section{testSection("A", "Un deux trois quatre cinq six sept huit neuf dix.")},
			opt:  ChunkOptions{Size: 15},
			want: []string{"Un deux trois", "quatre cinq six", "sept huit neuf", "dix."},
		},
		{
			name: "a word longer than Size stays whole",
			secs: []knowledge.Section{testSection("A", "Le anticonstitutionnellement est long.")},
			opt:  ChunkOptions{Size: 10},
			want: []string{"Le", "anticonstitutionnellement", "est long."},
		},
		{
			name: "empty sections and paragraphs",
			secs: []knowledge.Section{testSection("A"), testSection("B", "", "  "), testSection("C", "Seul.")},
			opt:  ChunkOptions{Size: 900},
			want: []string{"Seul."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := []knowledge.Document{{Name: "d.md", Sections: tt.secs}}
			got := chunkTexts(docs, tt.opt)
			if !slices.Equal(got, tt.want) {
				t.Errorf("chunks\n got %q\nwant %q", got, tt.want)
			}
			checkChunks(t, docs, ChunkDocuments(docs, tt.opt), tt.opt)
		})
	}
}

func TestChunkDocumentsEmpty(t *testing.T) {
	if got := ChunkDocuments(nil, ChunkOptions{}); len(got) != 0 {
		t.Errorf("ChunkDocuments(nil) = %v, want none", got)
	}
	if got := ChunkDocuments([]knowledge.Document{{Name: "vide.txt"}}, ChunkOptions{}); len(got) != 0 {
		t.Errorf("ChunkDocuments(empty document) = %v, want none", got)
	}
}

func TestChunkIDsAndHashes(t *testing.T) {
	docs := []knowledge.Document{
		{Name: "a.md", Sections: []knowledge.Section{testSection("Un", "Même texte."), testSection("Deux", "Même texte.")}},
		{Name: "b.md", Sections: []knowledge.Section{testSection("Un", "Même texte.")}},
	}
	first := ChunkDocuments(docs, ChunkOptions{})
	again := ChunkDocuments(docs, ChunkOptions{})
	if !slices.EqualFunc(first, again, func(a, b Chunk) bool { return a.ID == b.ID && a.Hash == b.Hash }) {
		t.Fatal("chunking the same documents twice gives other ids or hashes")
	}
	wantIDs := []string{"a.md#0", "a.md#1", "b.md#0"}
	hashes := make(map[string]bool)
	for i, c := range first {
		if c.ID != wantIDs[i] {
			t.Errorf("chunk %d id = %q, want %q", i, c.ID, wantIDs[i])
		}
		if len(c.Hash) != 64 {
			t.Errorf("chunk %s hash %q is not hex SHA-256", c.ID, c.Hash)
		}
		if hashes[c.Hash] {
			t.Errorf("chunk %s: same text in another section or document has the same hash", c.ID)
		}
		hashes[c.Hash] = true
	}
	// A pinned value: the hash must not change between runs or releases
	// without reason, or every reload would re-embed everything.
	if got, want := first[0].Hash, pinnedHash("a.md", []string{"Thème", "Un"}, "Même texte."); got != want {
		t.Errorf("hash = %s, want %s", got, want)
	}

	changed := func(mod func(*knowledge.Document)) string {
		d := []knowledge.Document{{Name: "a.md", Sections: []knowledge.Section{testSection("Un", "Même texte.")}}}
		mod(&d[0])
		return ChunkDocuments(d, ChunkOptions{})[0].Hash
	}
	base := changed(func(*knowledge.Document) {})
	for name, mod := range map[string]func(*knowledge.Document){
		"text":     func(d *knowledge.Document) { d.Sections[0].Blocks[0].Text = "Même texte !" },
		"trail":    func(d *knowledge.Document) { d.Sections[0].Trail = []string{"Autre thème", "Un"} },
		"document": func(d *knowledge.Document) { d.Name = "c.md" },
	} {
		if changed(mod) == base {
			t.Errorf("changing the %s keeps the hash", name)
		}
	}
	// The trail is hashed with separators: moving a character from one
	// heading to the next is a change.
	a := changed(func(d *knowledge.Document) { d.Sections[0].Trail = []string{"ab", "c"} })
	b := changed(func(d *knowledge.Document) { d.Sections[0].Trail = []string{"a", "bc"} })
	if a == b {
		t.Error("trails [ab c] and [a bc] hash alike")
	}
}

func pinnedHash(doc string, trail []string, text string) string {
	h := sha256.New()
	h.Write([]byte(doc))
	for _, t := range trail {
		h.Write([]byte{0})
		h.Write([]byte(t))
	}
	h.Write([]byte{1})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil))
}
