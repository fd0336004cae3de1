package store_test

import (
	"os"
	"testing"
)

// TestMain removes the benchmarks' fixtures, which outlive one benchmark.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, clean := range fixtures.cleanups {
		clean()
	}
	if adminDB != nil {
		adminDB.Close()
	}
	os.Exit(code)
}
