package bot

import (
	"sync"
	"time"
)

// tracker counts the work in flight and refuses new work once closed, so
// that shutdown can wait for what was accepted and nothing more.
type tracker struct {
	mu     sync.Mutex
	closed bool
	n      int
	idle   chan struct{} // closed when n drops to zero after close
}

func newTracker() *tracker {
	return &tracker{idle: make(chan struct{})}
}

// enter registers one piece of work; it returns false once the tracker
// is closed. Each successful enter must be matched by leave.
func (t *tracker) enter() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	t.n++
	return true
}

func (t *tracker) leave() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n--
	if t.closed && t.n == 0 {
		close(t.idle)
	}
}

func (t *tracker) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

// closeAndWait refuses new work and waits up to timeout for the work in
// flight to finish. It reports whether everything finished.
func (t *tracker) closeAndWait(timeout time.Duration) bool {
	t.mu.Lock()
	if !t.closed {
		t.closed = true
		if t.n == 0 {
			close(t.idle)
		}
	}
	t.mu.Unlock()
	return t.wait(timeout)
}

// wait waits up to timeout for the work in flight after close.
func (t *tracker) wait(timeout time.Duration) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-t.idle:
		return true
	case <-timer.C:
		return false
	}
}
