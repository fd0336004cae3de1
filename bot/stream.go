package bot

import (
	"log/slog"
	"sync"
	"time"
)

// streamer shows a streaming answer as it grows: the first partial text
// at once, then at most one edit per interval, always the latest text.
type streamer struct {
	r     responder
	every time.Duration
	log   *slog.Logger

	mu     sync.Mutex
	latest string
	wake   chan struct{} // a new text is waiting
	quit   chan struct{}
	done   chan struct{}
}

func newStreamer(r responder, every time.Duration, log *slog.Logger) *streamer {
	st := &streamer{
		r: r, every: every, log: log,
		wake: make(chan struct{}, 1),
		quit: make(chan struct{}),
		done: make(chan struct{}),
	}
	go st.loop()
	return st
}

// partial receives the answer so far; it never blocks.
func (st *streamer) partial(text string) {
	st.mu.Lock()
	st.latest = text
	st.mu.Unlock()
	select {
	case st.wake <- struct{}{}:
	default:
	}
}

func (st *streamer) loop() {
	defer close(st.done)
	shown := ""
	for {
		select {
		case <-st.wake:
		case <-st.quit:
			return
		}
		st.mu.Lock()
		text := st.latest
		st.mu.Unlock()
		if text == shown {
			continue
		}
		if err := st.r.progress(text); err != nil {
			st.log.Warn("show partial answer", "err", redact(err.Error()))
		}
		shown = text
		timer := time.NewTimer(st.every)
		select {
		case <-timer.C:
		case <-st.quit:
			timer.Stop()
			return
		}
	}
}

// stop ends the streaming and waits for an edit in progress, so that
// the final answer is always the last thing shown.
func (st *streamer) stop() {
	close(st.quit)
	<-st.done
}
