package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/knowledge"
	"github.com/interpol-onu/assistant/rag"
)

func TestSkipReasonInFrench(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{knowledge.ErrBinary, "binaire"},
		{knowledge.ErrNotUTF8, "UTF-8"},
		{knowledge.ErrEmpty, "vide"},
		{fmt.Errorf("%w: 20000000 bytes, at most 16777216", knowledge.ErrTooBig), "volumineux"},
		{knowledge.ErrNotRegular, "ordinaire"},
		{fmt.Errorf("%w: permission denied", knowledge.ErrUnreadable), "illisible"},
	}
	for _, tt := range tests {
		got := skipReason(knowledge.Skipped{Name: "x.txt", Reason: tt.err.Error(), Err: tt.err})
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.err.Error()) {
			t.Errorf("%v: %q, want French containing %q", tt.err, got, tt.want)
		}
	}
}

func TestReloadFailureNamesBrokenDocuments(t *testing.T) {
	err := fmt.Errorf("reload: %w", &rag.BrokenDocumentsError{Documents: []knowledge.Skipped{
		{Name: "phare.txt", Reason: knowledge.ErrNotUTF8.Error(), Err: knowledge.ErrNotUTF8},
	}})
	out := renderReloadFailure(err)
	text := out.Content
	for _, e := range out.Embeds {
		text += e.Description
	}
	for _, want := range []string{"rien n’a changé", "phare.txt", "UTF-8", "/recharger"} {
		if !strings.Contains(text, want) {
			t.Errorf("reload failure %q lacks %q", text, want)
		}
	}
}
