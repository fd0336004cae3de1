package embedcache

// Observer is told how each call to Embed used the cache, for metrics.
// It is called synchronously: its method must be quick and safe for
// concurrent use.
type Observer interface {
	// Looked reports one call: hits texts were found in the cache,
	// misses had to be asked of the inner embedder (each distinct text
	// once).
	Looked(hits, misses int)
}

// Option changes a setting of Open.
type Option func(*Embedder)

// WithObserver reports every call to Embed to o.
func WithObserver(o Observer) Option {
	return func(e *Embedder) {
		if o != nil {
			e.observer = o
		}
	}
}

type noObserver struct{}

func (noObserver) Looked(int, int) {}
