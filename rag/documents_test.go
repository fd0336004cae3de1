package rag

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"
)

func TestEngineDocuments(t *testing.T) {
	fsys := fstest.MapFS{
		"b.md": {Data: []byte("# Coopération\n\nINTERPOL coopère avec les Nations Unies.\n\n# Formation\n\nDes formations sont données aux policiers.\n")},
		"a.md": {Data: []byte("# Formation\n\nLe centre forme les enquêteurs.\n")},
	}
	e, err := New(context.Background(), Options{Knowledge: fsys})
	if err != nil {
		t.Fatal(err)
	}
	want := []DocumentStats{
		{Name: "a.md", Chunks: 1, Themes: []string{"Formation"}},
		{Name: "b.md", Chunks: 2, Themes: []string{"Coopération", "Formation"}},
	}
	if got := e.Documents(); !reflect.DeepEqual(got, want) {
		t.Errorf("Documents() = %+v, want %+v", got, want)
	}
}
