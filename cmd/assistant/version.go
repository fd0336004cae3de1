package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// Set at link time when the build has no VCS information to embed (a
// container build, whose context holds no .git):
//
//	go build -ldflags "-X main.version=1.2.0 -X main.revision=$(git rev-parse HEAD)"
var (
	version  string
	revision string
)

// build is what the binary knows of how it was built.
type build struct {
	Module    string // module path
	Version   string // release, module version or "(devel)"
	Revision  string // VCS commit, "" if unknown
	Time      string // commit time (RFC 3339), "" if unknown
	Modified  string // "true" when built from a tree with uncommitted changes
	GoVersion string
	Platform  string
}

// buildOf reads bi (nil when the binary carries no build information);
// the link-time version and revision win over what it says.
func buildOf(bi *debug.BuildInfo, linkVersion, linkRevision string) build {
	b := build{GoVersion: runtime.Version()}
	goos, goarch := runtime.GOOS, runtime.GOARCH
	if bi != nil {
		b.Module, b.Version, b.GoVersion = bi.Main.Path, bi.Main.Version, bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.time":
				b.Time = s.Value
			case "vcs.modified":
				b.Modified = s.Value
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
	}
	b.Platform = goos + "/" + goarch
	if linkVersion != "" {
		b.Version = linkVersion
	}
	if linkRevision != "" {
		b.Revision = linkRevision
	}
	if b.Module == "" {
		b.Module = "github.com/interpol-onu/assistant"
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	return b
}

// currentBuild is the running binary's build.
func currentBuild() build {
	bi, _ := debug.ReadBuildInfo()
	return buildOf(bi, version, revision)
}

// printVersion writes the version on the first line, then the build
// details, one "key value" a line; unknown ones are left out.
func printVersion(w io.Writer, b build) error {
	_, err := fmt.Fprintf(w, "assistant %s\n", b.Version)
	for _, kv := range [][2]string{
		{"module", b.Module}, {"revision", b.Revision}, {"time", b.Time},
		{"modified", b.Modified}, {"go", b.GoVersion}, {"platform", b.Platform},
	} {
		if kv[1] != "" && err == nil {
			_, err = fmt.Fprintf(w, "  %-9s%s\n", kv[0], kv[1])
		}
	}
	return err
}
