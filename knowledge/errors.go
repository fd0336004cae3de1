package knowledge

import "errors"

// ErrNoDocuments is returned when a knowledge folder holds no usable document.
var ErrNoDocuments = errors.New("no usable document (.txt, .md, .html or .pdf)")

// Why a file is not loaded: Parse's error and Skipped.Err wrap one of these.
var (
	ErrUnsupported = errors.New("unsupported file type (.txt, .md, .html or .pdf)")
	ErrUnreadable  = errors.New("unreadable")
	ErrNotRegular  = errors.New("not a regular file")
	ErrTooBig      = errors.New("too big")
	ErrBinary      = errors.New("binary content, not text")
	ErrNotUTF8     = errors.New("not valid UTF-8 text (convert it to UTF-8)")
	ErrEmpty       = errors.New("empty: no text to answer from")
	ErrNoText      = errors.New("no extractable text (scanned?)")
	ErrMalformed   = errors.New("malformed or unsupported file")
)
