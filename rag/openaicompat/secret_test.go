package openaicompat

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/rag"
	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// A server that echoes the key it rejected, as OpenAI does in part, must
// not bring the key into an error or a log line.
func TestKeyNeverInErrorsOrLogs(t *testing.T) {
	srv := newServer(t)
	echo := `{"error":{"message":"Incorrect API key provided: ` + testKey + `","type":"invalid_request_error"}}`
	logs := &logBuffer{}
	c := testConfig(srv)
	c.MaxRetries = 1

	gen, err := NewGenerator(c, &fallback{}, logs.Logger(), WithSleep((&sleeps{}).sleep))
	if err != nil {
		t.Fatal(err)
	}
	srv.Script(openaitest.Reply{Status: http.StatusUnauthorized, Body: echo})
	a, err := gen.Generate(context.Background(), rag.Question{Text: "Qui ?"}, rag.Evidence{Hits: testHits()})
	if err != nil || a.Notice != FallbackNotice {
		t.Fatalf("generate: %+v, %v; want the fallback", a, err)
	}

	emb, err := NewEmbedder(c, logs.Logger(), WithSleep((&sleeps{}).sleep))
	if err != nil {
		t.Fatal(err)
	}
	srv.FailEmbeddings(
		openaitest.Reply{Status: http.StatusInternalServerError, Body: echo},
		openaitest.Reply{Status: http.StatusUnauthorized, Body: echo},
	)
	perr := emb.Probe(context.Background())
	if perr == nil {
		t.Fatal("probe succeeded against a 401")
	}
	srv.Close()
	_, nerr := emb.Embed(context.Background(), []string{"texte"})
	if nerr == nil {
		t.Fatal("embed succeeded against a closed server")
	}

	for what, s := range map[string]string{"probe error": perr.Error(), "network error": nerr.Error(), "logs": logs.String()} {
		if strings.Contains(s, testKey) {
			t.Errorf("%s holds the API key: %s", what, s)
		}
	}
	if !strings.Contains(perr.Error(), "401") || !strings.Contains(logs.String(), "Incorrect API key provided") {
		t.Errorf("the failure itself should still be explained:\nerr: %v\nlogs: %s", perr, logs)
	}
}
