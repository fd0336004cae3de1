package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/interpol-onu/assistant/rag/openaicompat/openaitest"
)

// TestLogFormatJSON runs a question whose chat model fails with an error
// that echoes the API key, with LOG_FORMAT=json: every line on stderr is
// a JSON object a collector can read, and none holds a secret.
func TestLogFormatJSON(t *testing.T) {
	srv := openaitest.NewServer(t, apiKey, apiChatModel, apiEmbedModel)
	srv.Script(openaitest.Reply{Status: http.StatusInternalServerError,
		Body: `{"error":{"message":"upstream failure for key ` + apiKey + `"}}`})
	e := apiEnv(srv, env{"CHAT_MODEL": apiChatModel, "LOG_FORMAT": "json", "DISCORD_TOKEN": serveToken})
	_, errOut, err := runAPI(t, e, "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatal("nothing logged: the failing model should be")
	}
	sawFailure := false
	for _, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("not a JSON line: %q: %v", line, err)
			continue
		}
		for _, key := range []string{"time", "level", "msg"} {
			if _, ok := rec[key]; !ok {
				t.Errorf("line without %q: %s", key, line)
			}
		}
		if strings.Contains(line, "500") {
			sawFailure = true
		}
	}
	if !sawFailure {
		t.Errorf("the model's failure is not in the logs:\n%s", errOut)
	}
	if strings.Contains(errOut, "serve-test-secret") {
		t.Errorf("the logs hold the Discord token:\n%s", errOut)
	}
}

func TestLogFormatTextByDefault(t *testing.T) {
	_, errOut, err := runCLI(t, env{"LOG_LEVEL": "debug"}, "", "ask", vienneQuestion)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "level=DEBUG") || strings.HasPrefix(errOut, "{") {
		t.Errorf("default logs are not key=value text:\n%s", errOut)
	}
}
