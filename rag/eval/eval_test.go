package eval

import (
	"context"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/rag"
)

// kbDir is rag's fixture knowledge: short French documents on distinct
// subjects (a lighthouse, a chess club, a library, a Discord server).
const kbDir = "../testdata/kb"

func newKBEngine(t *testing.T) *rag.Engine {
	t.Helper()
	e, err := rag.New(context.Background(), rag.Options{Knowledge: os.DirFS(kbDir)})
	if err != nil {
		t.Fatalf("new engine on %s: %v", kbDir, err)
	}
	return e
}

func TestReadSet(t *testing.T) {
	good := `{"id":"a1","question":"Combien ?","kind":"answer","sections":["S"],"must_include":[["x","y"]]}` + "\n\n" +
		`{"id":"r1","question":"Pourquoi ?","kind":"refuse","must_exclude":["z"]}` + "\n"
	cases, err := ReadSet(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || cases[0].ID != "a1" || !slices.Equal(cases[0].MustInclude[0], []string{"x", "y"}) ||
		cases[1].Kind != "refuse" || !slices.Equal(cases[1].MustExclude, []string{"z"}) {
		t.Errorf("cases = %+v", cases)
	}

	tests := []struct {
		name, in, want string
	}{
		{"malformed JSON", `{"id":"a","question":"q","kind":"refuse"}` + "\n\n" + `{"id":"b",` + "\n", "line 3"},
		{"misspelt sections", `{"id":"a","question":"q","kind":"answer","sectoins":["S"]}`, `line 1: unknown field "sectoins": did you mean "sections"?`},
		{"misspelt must_include", `{"id":"a","question":"q","kind":"answer","sections":["S"],"must_inlcude":[["x"]]}`, `did you mean "must_include"?`},
		{"unknown kind", `{"id":"a","question":"q","kind":"maybe"}`, `kind "maybe"`},
		{"missing kind", `{"id":"a","question":"q"}`, `kind ""`},
		{"duplicate id", `{"id":"a","question":"q","kind":"refuse"}` + "\n" + `{"id":"a","question":"r","kind":"refuse"}`, `line 2: duplicate id "a"`},
		{"missing id", `{"question":"q","kind":"refuse"}`, "line 1: id and question are required"},
		{"blank question", `{"id":"a","question":"  ","kind":"refuse"}`, "line 1: id and question are required"},
		{"answer without sections", `{"id":"a","question":"q","kind":"answer"}`, "line 1: an answer case needs sections"},
		{"empty", "", "empty"},
		{"byte-order mark only", "\ufeff", "empty"},
		{"blank lines only", "\n  \n\t\n", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cases, err := ReadSet(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error, cases %+v", cases)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	// BM25 alone, so that the ranks below do not move with the default
	// fusion weight. Ranks come from the fixture's search (K 10):
	//   "Qui a dessiné…": Construction 1, Gardiens 2.
	//   "Quels sont les horaires des séances du club ?": Horaires des
	//   séances 1, the library’s Horaires d’ouverture 2.
	e, err := rag.New(context.Background(), rag.Options{Knowledge: os.DirFS(kbDir), Index: rag.IndexOptions{LexicalWeight: new(1.0)}})
	if err != nil {
		t.Fatal(err)
	}
	set := `{"id":"a1","question":"Qui a dessiné les plans du phare ?","kind":"answer","sections":["construction du phare de kerbrat"],"must_include":[["Reynaud"]],"must_exclude":["1852"]}
{"id":"a2","question":"Qui a dessiné les plans du phare ?","kind":"answer","sections":["Les gardiens du phare"],"must_include":[["Reynaud"]],"must_exclude":["Reynaud"]}
{"id":"a3","question":"Quels sont les horaires des séances du club ?","kind":"answer","sections":["Médiathèque municipale"],"must_include":[["19 h"],["jeudi","mardi"]]}
{"id":"a4","question":"Quel est le mot de passe du wifi ?","kind":"answer","sections":["Cuisine"]}
{"id":"a5","question":"Combien de DVD peut-on emprunter ?","kind":"answer","sections":["Prêt de documents"],"must_include":[["cinq DVD"]]}
{"id":"r1","question":"Quelle est la capitale de l'Australie ?","kind":"refuse"}
{"id":"r2","question":"Combien de marches compte le phare ?","kind":"refuse"}
`
	cases, err := ReadSet(strings.NewReader(set))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), e, cases)
	if err != nil {
		t.Fatal(err)
	}
	type res struct {
		id      string
		refused bool
		rank    int
		pass    bool
	}
	want := []res{
		{"a1", false, 1, true},
		{"a2", false, 2, false}, // must_exclude hit
		{"a3", false, 2, true},  // a theme names a section too
		{"a4", true, 0, false},  // a false refusal
		{"a5", false, 1, false}, // must_include missed
		{"r1", true, 0, true},
		{"r2", false, 0, false},
	}
	if len(rep.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(rep.Results), len(want))
	}
	for i, w := range want {
		r := rep.Results[i]
		if got := (res{r.ID, r.Refused, r.HitRank, r.Pass}); got != w {
			t.Errorf("result %d = %+v, want %+v (answer %q)", i, got, w, r.Answer)
		}
		if r.Ms < 0 || r.Answer == "" {
			t.Errorf("result %s: ms %f, answer %q", r.ID, r.Ms, r.Answer)
		}
	}
	// Five answer cases with ranks 1, 2, 2, 0, 1; passes a1 and a3;
	// a4 refused; of two refusal cases, r1 refused.
	metrics := []struct {
		name      string
		got, want float64
	}{
		{"hit_at_1", rep.HitAt1, 2.0 / 5},
		{"hit_at_3", rep.HitAt3, 4.0 / 5},
		{"hit_at_5", rep.HitAt5, 4.0 / 5},
		{"mrr", rep.MRR, (1 + 1.0/2 + 1.0/2 + 0 + 1) / 5},
		{"answer_pass", rep.AnswerPass, 2.0 / 5},
		{"false_refusal", rep.FalseRefusal, 1.0 / 5},
		{"refusal", rep.Refusal, 1.0 / 2},
	}
	for _, m := range metrics {
		if math.Abs(m.got-m.want) > 1e-9 {
			t.Errorf("%s = %f, want %f", m.name, m.got, m.want)
		}
	}
	if rep.Questions != 7 {
		t.Errorf("questions = %d, want 7", rep.Questions)
	}
	if rep.P50Ms < 0 || rep.P95Ms < rep.P50Ms {
		t.Errorf("p50 %f, p95 %f", rep.P50Ms, rep.P95Ms)
	}
}

// TestEvaluateCountsDeclinedQuestionsAsRefused: a question the bot
// declines (no words, empty, too long) is a refusal, not a failed run.
func TestEvaluateCountsDeclinedQuestionsAsRefused(t *testing.T) {
	e := newKBEngine(t)
	rep, err := Run(context.Background(), e, []Case{
		{ID: "x", Question: "?! 🤔", Kind: "refuse"},
		{ID: "y", Question: "?!", Kind: "answer", Sections: []string{"Prêt de documents"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := rep.Results[0]; !r.Refused || !r.Pass || rep.Refusal != 1 {
		t.Errorf("refuse case: %+v, refusal %v; want refused and passed", r, rep.Refusal)
	}
	if r := rep.Results[1]; !r.Refused || r.Pass || rep.FalseRefusal != 1 {
		t.Errorf("answer case: %+v, false_refusal %v; want a false refusal", r, rep.FalseRefusal)
	}
}

func TestReadEvalSetIgnoresExtraFields(t *testing.T) {
	cases, err := ReadSet(strings.NewReader(`{"id":"a","question":"q","kind":"refuse","note":"ajoutée par l'équipe"}`))
	if err != nil || len(cases) != 1 || cases[0].ID != "a" {
		t.Errorf("cases %v, err %v", cases, err)
	}
}

func TestPercentile(t *testing.T) {
	ten := []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
	tests := []struct {
		xs   []float64
		p    float64
		want float64
	}{
		{nil, 0.5, 0},
		{[]float64{7}, 0.5, 7},
		{[]float64{7}, 0.95, 7},
		{[]float64{3, 1, 2}, 0.5, 2},
		{[]float64{4, 1, 3, 2}, 0.5, 2}, // nearest rank: ceil(0.5×4) = 2nd
		{ten, 0.5, 5},
		{ten, 0.95, 10},
		{ten, 0.9, 9},
		{ten, 0, 1},
		{ten, 1, 10},
	}
	for _, tt := range tests {
		if got := percentile(tt.xs, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %v) = %v, want %v", tt.xs, tt.p, got, tt.want)
		}
	}
	if ten[0] != 10 {
		t.Error("percentile sorted its input in place")
	}
}

func TestReadSetAcceptsAByteOrderMark(t *testing.T) {
	cases, err := ReadSet(strings.NewReader("\ufeff" + `{"id":"a","question":"q","kind":"refuse"}`))
	if err != nil || len(cases) != 1 || cases[0].ID != "a" {
		t.Errorf("cases %v, err %v", cases, err)
	}
}

func TestParseGate(t *testing.T) {
	g, err := ParseGate(" hit_at_3>=0.95, false_refusal<=0.05 ,")
	if err != nil {
		t.Fatal(err)
	}
	want := Gate{{Metric: "hit_at_3", Limit: 0.95}, {Metric: "false_refusal", AtMost: true, Limit: 0.05}}
	if !slices.Equal(g, want) {
		t.Errorf("gate = %v, want %v", g, want)
	}
	for _, bad := range []string{"hit_at_3>=NaN", "hit_at_3>=Inf", "hit_at_3>=-Inf", "hits>=0.9", "hit_at_3=0.9", "hit_at_3>=", "mrr>=0.5x"} {
		if _, err := ParseGate(bad); err == nil {
			t.Errorf("ParseGate(%q) accepted", bad)
		}
	}
}

func TestCheckNamesEveryMissAndSkipsWhatIsNotMeasured(t *testing.T) {
	rep := Report{HitAt3: 0.9, Refusal: 0.5, FalseRefusal: 0.1, Questions: 4, Answerable: 2, Unanswerable: 2}
	g, _ := ParseGate("hit_at_3>=0.95,false_refusal<=0.05,refusal>=0.5")
	err := rep.Check(g)
	var ge *GateError
	if !errors.As(err, &ge) || len(ge.Failed) != 2 {
		t.Fatalf("Check = %v, want a GateError with two misses", err)
	}
	if !strings.Contains(err.Error(), "hit_at_3 = 0.900") || !strings.Contains(err.Error(), "false_refusal = 0.100") {
		t.Errorf("Check = %v", err)
	}

	refusalsOnly := Report{Refusal: 1, Questions: 2, Unanswerable: 2}
	if err := refusalsOnly.Check(g); err != nil {
		t.Errorf("a set of refusals only failed hit gates it cannot measure: %v", err)
	}
	if nm := refusalsOnly.NotMeasured(g); len(nm) != 2 || nm[0].Metric != "hit_at_3" {
		t.Errorf("NotMeasured = %v, want hit_at_3 and false_refusal", nm)
	}
	failing, _ := ParseGate("refusal>=1.01")
	if err := refusalsOnly.Check(failing); err == nil {
		t.Error("a measured metric below its limit passed")
	}
}

func TestRunReportsUnknownSections(t *testing.T) {
	e := newKBEngine(t)
	rep, err := Run(context.Background(), e, []Case{
		{ID: "a", Question: "Qui a dessiné les plans du phare ?", Kind: KindAnswer, Sections: []string{"Construction du phare de Kerbrat"}},
		{ID: "b", Question: "Qui a dessiné les plans du phare ?", Kind: KindAnswer, Sections: []string{"Construction du phare de Kerbrat", "Le phare de Brest"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.UnknownSections, []string{"b: Le phare de Brest"}) {
		t.Errorf("UnknownSections = %q", rep.UnknownSections)
	}
}

// historyAsker records what each question was asked with.
type historyAsker struct {
	asked []rag.Question
}

func (h *historyAsker) Ask(_ context.Context, q rag.Question) (rag.Answer, error) {
	h.asked = append(h.asked, q)
	return rag.Answer{Text: "réponse à " + q.Text, Understood: q.Text + " (compris)"}, nil
}

func (h *historyAsker) Search(context.Context, rag.Question, int) ([]rag.Hit, error) { return nil, nil }
func (h *historyAsker) Headings() []string                                           { return nil }

func TestRunAsksAConversationInTurn(t *testing.T) {
	c := Case{ID: "c", Question: "Et ensuite ?", Kind: KindRefuse, History: []string{"Premier ?", "Deuxième ?"}}
	h := &historyAsker{}
	if _, err := Run(context.Background(), h, []Case{c}); err != nil {
		t.Fatal(err)
	}
	if len(h.asked) != 3 {
		t.Fatalf("asked %d questions, want the two earlier turns then the last", len(h.asked))
	}
	last := h.asked[2]
	want := []rag.Turn{{Question: "Premier ? (compris)", Answer: "réponse à Premier ?"}, {Question: "Deuxième ? (compris)", Answer: "réponse à Deuxième ?"}}
	if !slices.Equal(last.History, want) || len(h.asked[1].History) != 1 {
		t.Errorf("history of the last turn %+v, want %+v", last.History, want)
	}
	h = &historyAsker{}
	if _, err := Run(context.Background(), h, []Case{c}, Options{IgnoreHistory: true}); err != nil {
		t.Fatal(err)
	}
	if len(h.asked) != 1 || h.asked[0].History != nil {
		t.Errorf("IgnoreHistory asked %+v, want the last turn alone", h.asked)
	}
	if _, err := ReadSet(strings.NewReader(`{"id":"a","question":"q","kind":"refuse","history":["", "x"]}`)); err == nil {
		t.Error("an empty question in a history was accepted")
	}
}
