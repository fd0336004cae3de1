package knowledge

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// Union returns a read-only file system that shows base as it is and,
// beside its top-level entries, each mount under its own name: a folder
// (Folder) or a file made when it is read (Generated). Base always wins:
// a mount whose name base already has is not shown, so that nothing a
// mount holds can replace or shadow a document of base, and documents of
// a mount are named after it ("ajouts/guide.md"). Load reads a Union like
// any folder, anew at each reload. A mount whose name is not a single
// path element is ignored.
func Union(base fs.FS, mounts ...Mount) fs.FS {
	u := union{base: base}
	for _, m := range mounts {
		if fs.ValidPath(m.name) && m.name != "." && !strings.Contains(m.name, "/") {
			u.mounts = append(u.mounts, m)
		}
	}
	return u
}

// Mount is a folder or a generated file that Union shows at its top
// level.
type Mount struct {
	name   string
	fsys   fs.FS                  // a folder
	render func() ([]byte, error) // a generated file
}

// Folder mounts fsys as the folder name.
func Folder(name string, fsys fs.FS) Mount { return Mount{name: name, fsys: fsys} }

// Generated mounts the file name, whose content render makes each time
// the file is listed, looked at or opened: what it holds is always
// current. A nil content means there is no such file; an error makes
// the file unreadable (Load skips it with ErrUnreadable, and a reload
// then keeps the index it had).
func Generated(name string, render func() ([]byte, error)) Mount {
	return Mount{name: name, render: render}
}

type union struct {
	base   fs.FS
	mounts []Mount
}

// route returns the mount that holds name and the name inside it, or
// nil when base holds it.
func (u union) route(name string) (*Mount, string) {
	first, rest, _ := strings.Cut(name, "/")
	for i := range u.mounts {
		if u.mounts[i].name != first {
			continue
		}
		if u.inBase(first) {
			return nil, name
		}
		if rest == "" {
			rest = "."
		}
		return &u.mounts[i], rest
	}
	return nil, name
}

// inBase reports whether base has a top-level entry named first. An
// entry base cannot say it lacks counts as present: base wins.
func (u union) inBase(first string) bool {
	_, err := fs.Stat(u.base, first)
	return !errors.Is(err, fs.ErrNotExist)
}

func (u union) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		entries, err := u.ReadDir(".")
		if err != nil {
			return nil, err
		}
		info, err := fs.Stat(u.base, ".")
		if err != nil {
			return nil, err
		}
		return &rootDir{info: info, entries: entries}, nil
	}
	m, rest := u.route(name)
	switch {
	case m == nil:
		return u.base.Open(name)
	case m.fsys != nil:
		f, err := m.fsys.Open(rest)
		if err != nil {
			return nil, renamePathError(err, name)
		}
		if rest == "." {
			return renamedDir{File: f, name: m.name}, nil
		}
		return f, nil
	}
	data, err := m.generate(name, rest, "open")
	if err != nil {
		return nil, err
	}
	return &generatedFile{info: generatedInfo{name: m.name, size: int64(len(data))}, data: data}, nil
}

// Stat answers without opening base's files: opening a named pipe would
// block.
func (u union) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	m, rest := u.route(name)
	switch {
	case m == nil:
		return fs.Stat(u.base, name)
	case m.fsys != nil:
		info, err := fs.Stat(m.fsys, rest)
		if err != nil {
			return nil, renamePathError(err, name)
		}
		if rest == "." {
			return renamedInfo{FileInfo: info, name: m.name}, nil
		}
		return info, nil
	}
	data, err := m.generate(name, rest, "stat")
	if err != nil {
		return nil, err
	}
	return generatedInfo{name: m.name, size: int64(len(data))}, nil
}

func (u union) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return u.rootEntries()
	}
	m, rest := u.route(name)
	switch {
	case m == nil:
		return fs.ReadDir(u.base, name)
	case m.fsys != nil:
		entries, err := fs.ReadDir(m.fsys, rest)
		return entries, renamePathError(err, name)
	}
	return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
}

// rootEntries lists base's top level and the mounts it does not hide,
// by name. A mount that cannot say what it holds is listed anyway, so
// that Load reports it rather than silently leave it out.
func (u union) rootEntries() ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(u.base, ".")
	if err != nil {
		return nil, err
	}
	taken := make(map[string]bool, len(entries))
	for _, e := range entries {
		taken[e.Name()] = true
	}
	for _, m := range u.mounts {
		if taken[m.name] {
			continue
		}
		taken[m.name] = true
		info, err := u.Stat(m.name)
		switch {
		case err == nil:
			entries = append(entries, fs.FileInfoToDirEntry(info))
		case !errors.Is(err, fs.ErrNotExist):
			entries = append(entries, fs.FileInfoToDirEntry(generatedInfo{name: m.name, dir: m.fsys != nil}))
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// generate makes a generated file's content: an error if it fails, or
// if there is none (fs.ErrNotExist), or if name is below it.
func (m *Mount) generate(name, rest, op string) ([]byte, error) {
	if rest != "." {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	data, err := m.render()
	if err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if data == nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return data, nil
}

// renamePathError names the union's path in a mount's error.
func renamePathError(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}

// generatedInfo describes a generated file (or a mount that could not be
// looked at): read-only, undated.
type generatedInfo struct {
	name string
	size int64
	dir  bool
}

func (i generatedInfo) Name() string { return i.name }
func (i generatedInfo) Size() int64  { return i.size }
func (i generatedInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i generatedInfo) ModTime() time.Time { return time.Time{} }
func (i generatedInfo) IsDir() bool        { return i.dir }
func (i generatedInfo) Sys() any           { return nil }

type generatedFile struct {
	info generatedInfo
	data []byte
	off  int
}

func (f *generatedFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *generatedFile) Close() error               { return nil }
func (f *generatedFile) Read(p []byte) (int, error) {
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.off:])
	f.off += n
	return n, nil
}

// renamedInfo is a mounted folder's root, named as the union shows it.
type renamedInfo struct {
	fs.FileInfo
	name string
}

func (i renamedInfo) Name() string { return i.name }

// renamedDir is a mounted folder's root opened through the union.
type renamedDir struct {
	fs.File
	name string
}

func (d renamedDir) Stat() (fs.FileInfo, error) {
	info, err := d.File.Stat()
	if err != nil {
		return nil, err
	}
	return renamedInfo{FileInfo: info, name: d.name}, nil
}

func (d renamedDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rd, ok := d.File.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: d.name, Err: errors.New("not a folder")}
	}
	return rd.ReadDir(n)
}

// rootDir is the union's top level, opened.
type rootDir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *rootDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *rootDir) Close() error               { return nil }
func (d *rootDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a folder")}
}

func (d *rootDir) ReadDir(n int) ([]fs.DirEntry, error) {
	left := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return left, nil
	}
	if len(left) == 0 {
		return nil, io.EOF
	}
	left = left[:min(n, len(left))]
	d.off += len(left)
	return left, nil
}
