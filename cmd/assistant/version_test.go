package main

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionPrintsTheBuild(t *testing.T) {
	// Whatever the environment holds: a bad variable does not stop it.
	out, _, err := runCLI(t, env{"CHUNK_SIZE": "many"}, "", "version")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "assistant ") || len(lines[0]) <= len("assistant ") {
		t.Errorf("first line %q, want assistant and a version", lines[0])
	}
	for _, want := range []string{"  module   github.com/interpol-onu/assistant\n", "  go       go1.", "  platform " + runtime.GOOS + "/" + runtime.GOARCH + "\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestVersionReadsVCSSettingsAndLinkTimeValues(t *testing.T) {
	bi := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/interpol-onu/assistant", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "4956e48c0ffee"},
			{Key: "vcs.time", Value: "2026-11-02T10:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
			{Key: "GOOS", Value: "linux"},
			{Key: "GOARCH", Value: "arm64"},
		},
	}
	var b strings.Builder
	if err := printVersion(&b, buildOf(bi, "", "")); err != nil {
		t.Fatal(err)
	}
	want := `assistant v1.4.0
  module   github.com/interpol-onu/assistant
  revision 4956e48c0ffee
  time     2026-11-02T10:00:00Z
  modified true
  go       go1.26.8
  platform linux/arm64
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}

	// A container build embeds no VCS information: the link-time values
	// say it.
	got := buildOf(&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, "1.5.0", "abc123")
	if got.Version != "1.5.0" || got.Revision != "abc123" || got.Time != "" || got.Module != "github.com/interpol-onu/assistant" {
		t.Errorf("with link-time values: %+v", got)
	}
	if got := buildOf(nil, "", ""); got.Version != "(devel)" || got.GoVersion != runtime.Version() {
		t.Errorf("without build information: %+v", got)
	}
}
