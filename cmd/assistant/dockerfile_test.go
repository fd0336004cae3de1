package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd, args string
}

func readDockerfile(t *testing.T) []instruction {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		more := strings.HasSuffix(line, "\\")
		cur.WriteString(strings.TrimSuffix(line, "\\") + " ")
		if more {
			continue
		}
		cmd, args, _ := strings.Cut(strings.TrimSpace(cur.String()), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.Join(strings.Fields(args), " ")})
		cur.Reset()
	}
	return out
}

// TestDockerfile checks what the image promises, for machines where it
// cannot be built: a static build, an unprivileged user on an empty
// base, the volumes, and a HEALTHCHECK that runs the binary itself (no
// shell, no curl: the base has neither).
func TestDockerfile(t *testing.T) {
	ins := readDockerfile(t)
	var froms, runs []string
	last := map[string]string{}
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms = append(froms, in.args)
			clear(last) // what counts is the final stage's
		case "RUN":
			runs = append(runs, in.args)
		}
		last[in.cmd] = in.args
	}
	if len(froms) < 2 || !strings.HasSuffix(froms[0], " AS build") || froms[len(froms)-1] != "scratch" {
		t.Errorf("stages %q: want a build stage, then scratch", froms)
	}
	build := strings.Join(runs, "\n")
	for _, want := range []string{"CGO_ENABLED=0 go build", "-o /out/usr/local/bin/assistant ./cmd/assistant", "ca-certificates.crt"} {
		if !strings.Contains(build, want) {
			t.Errorf("the build does not %q", want)
		}
	}
	if u := last["USER"]; u == "" || strings.HasPrefix(u, "0") || strings.HasPrefix(u, "root") {
		t.Errorf("USER %q: the final stage must run unprivileged", u)
	}
	var vols []string
	if err := json.Unmarshal([]byte(last["VOLUME"]), &vols); err != nil || !slices.Contains(vols, "/data") || !slices.Contains(vols, "/cache") {
		t.Errorf("VOLUME %q: want /data and /cache", last["VOLUME"])
	}
	env := strings.Fields(last["ENV"])
	for _, want := range []string{"DATA_DIR=/data", "CACHE_DIR=/cache", "HTTP_ADDR=:9090", "LOG_FORMAT=json"} {
		if !slices.Contains(env, want) {
			t.Errorf("ENV %q lacks %s", last["ENV"], want)
		}
	}
	hc, exec, ok := strings.Cut(last["HEALTHCHECK"], "CMD ")
	var argv []string
	if !ok || json.Unmarshal([]byte(exec), &argv) != nil || !slices.Equal(argv, []string{"/usr/local/bin/assistant", "healthcheck"}) {
		t.Errorf("HEALTHCHECK %q: want the exec form running /usr/local/bin/assistant healthcheck", last["HEALTHCHECK"])
	}
	if !strings.Contains(hc, "--timeout=") {
		t.Errorf("HEALTHCHECK %q has no timeout", hc)
	}
	if last["ENTRYPOINT"] != `["/usr/local/bin/assistant"]` || last["CMD"] != `["serve"]` {
		t.Errorf("ENTRYPOINT %s CMD %s: want the binary, serving by default", last["ENTRYPOINT"], last["CMD"])
	}
}

// The build context keeps what the build needs (the built-in knowledge
// is embedded from knowledge/) and leaves out the history.
func TestDockerignore(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if !slices.Contains(lines, ".git") {
		t.Error(".dockerignore keeps .git")
	}
	for _, l := range lines {
		for _, needed := range []string{"knowledge", "go.mod", "go.sum", "*.go", "*.txt", "migrations"} {
			if strings.TrimSpace(l) == needed {
				t.Errorf(".dockerignore leaves out %s, which the build needs", needed)
			}
		}
	}
}

// The compose example runs the bot against its Ollama service.
func TestComposeExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{"\n  assistant:\n", "\n  ollama:\n", "OPENAI_BASE_URL: http://ollama:11434/v1",
		"- assistant-data:/data", "- assistant-cache:/cache", "${DISCORD_TOKEN:?"} {
		if !strings.Contains(s, want) {
			t.Errorf("compose.yaml lacks %q", want)
		}
	}
}
