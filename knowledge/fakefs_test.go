package knowledge

import (
	"io/fs"
	"testing/fstest"
)

// faultyFS wraps a folder and makes chosen paths fail: Open returns an
// error, Read returns an error, or Stat reports a made-up size. It has
// only Open, so Load goes through the plain fs.FS fallbacks.
type faultyFS struct {
	fs      fstest.MapFS
	openErr map[string]error
	readErr map[string]error
	size    map[string]int64
}

func (f faultyFS) Open(name string) (fs.File, error) {
	if err := f.openErr[name]; err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	file, err := f.fs.Open(name)
	if err != nil {
		return nil, err
	}
	if f.readErr[name] == nil && f.size[name] == 0 {
		return file, nil
	}
	return faultyFile{File: file, readErr: f.readErr[name], size: f.size[name]}, nil
}

type faultyFile struct {
	fs.File
	readErr error
	size    int64
}

func (f faultyFile) Read(p []byte) (int, error) {
	if f.readErr != nil {
		return 0, f.readErr
	}
	return f.File.Read(p)
}

func (f faultyFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil || f.size == 0 {
		return info, err
	}
	return sizedInfo{FileInfo: info, size: f.size}, nil
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i sizedInfo) Size() int64 { return i.size }
