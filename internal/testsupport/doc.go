// Package testsupport holds what the module's tests share: golden files
// (rewritten with go test -update) and a buffer that captures a
// logger's output. Only tests import it.
package testsupport
