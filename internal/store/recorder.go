package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Recorder records questions in the background, so that answering never
// waits for the disk or the network: Record checks the question, gives it
// an ID reserved from the database beforehand and queues it, in a few
// microseconds; a goroutine writes the queue by batches, one transaction
// each, retrying while the database is busy, full or unreachable, and
// reserves more IDs when no more than idBlock are left.
//
// Under pressure it drops, never blocks: when the queue holds its
// capacity of questions (the database has been slower than the questions
// for that long), or no reserved ID is left (the database could not be
// reached to reserve more), Record refuses the new question with ErrBusy
// and counts it in Dropped; the questions already queued, and the batch
// being written (at most maxBatch), are kept. Questions still queued when
// Close gives up are dropped too, and logged.
type Recorder struct {
	db      *DB
	queue   chan item
	ids     chan int64
	refill  chan struct{}
	cancel  context.CancelFunc // stops the writer's retries
	closing chan struct{}      // closed by Close
	stopped chan struct{}      // closed when the writer is done
	dropped atomic.Int64

	mu     sync.RWMutex // Record holds it to send, Close to close
	closed bool

	pendingMu sync.Mutex
	pending   map[int64]bool // queued, not yet written
}

// item is a question to write, or a flush marker closed once every item
// queued before it is written or dropped.
type item struct {
	q     Question
	flush chan struct{}
}

// idBlock is how many IDs a Recorder reserves at a time, when no more
// than that are left.
const idBlock = 256

// maxBatch is the most questions a Recorder writes in one transaction.
const maxBatch = 128

// NewRecorder starts a recorder queueing at most capacity questions,
// once it reserved its first IDs. Close it before closing db.
func (db *DB) NewRecorder(ctx context.Context, capacity int) (*Recorder, error) {
	first, err := db.reserveIDs(ctx, 2*idBlock)
	if err != nil {
		return nil, wrap("start the question recorder", err)
	}
	bg, cancel := context.WithCancel(context.Background())
	r := &Recorder{
		db:      db,
		queue:   make(chan item, max(capacity, 1)),
		ids:     make(chan int64, 2*idBlock),
		refill:  make(chan struct{}, 1),
		cancel:  cancel,
		closing: make(chan struct{}),
		stopped: make(chan struct{}),
		pending: map[int64]bool{},
	}
	for _, id := range first {
		r.ids <- id
	}
	go r.write(bg)
	return r, nil
}

// Record queues q and returns its ID at once, or an error without
// queueing it: ErrInvalid for bad input, ErrBusy when the recorder is
// saturated (see Recorder). It never blocks.
func (r *Recorder) Record(q Question) (int64, error) {
	if err := q.check(); err != nil {
		return 0, fmt.Errorf("record question: %w", firstInvalid(err))
	}
	if q.At.IsZero() {
		q.At = fromMS(r.db.nowMS())
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return 0, errors.New("record question: the recorder is closed")
	}
	ok := false
	select {
	case q.ID = <-r.ids:
		ok = true
	default:
	}
	if len(r.ids) <= idBlock { // time to reserve more
		select {
		case r.refill <- struct{}{}:
		default:
		}
	}
	if !ok {
		r.dropped.Add(1)
		return 0, fmt.Errorf("record question: %w: no question ID reserved (is the database reachable?)", ErrBusy)
	}
	r.setPending(q.ID, true) // before the writer can see it
	select {
	case r.queue <- item{q: q}:
		return q.ID, nil
	default:
		r.setPending(q.ID, false)
		r.dropped.Add(1)
		return 0, fmt.Errorf("record question: %w: %d questions already waiting to be recorded", ErrBusy, cap(r.queue))
	}
}

func (r *Recorder) setPending(id int64, queued bool) {
	r.pendingMu.Lock()
	defer r.pendingMu.Unlock()
	if queued {
		r.pending[id] = true
	} else {
		delete(r.pending, id)
	}
}

// Dropped returns how many questions Record refused, or Close dropped,
// because the recorder was saturated.
func (r *Recorder) Dropped() int64 { return r.dropped.Load() }

// Flush waits until the questions queued so far are written (or
// dropped), or ctx is done.
func (r *Recorder) Flush(ctx context.Context) error {
	marker := make(chan struct{})
	select {
	case r.queue <- item{flush: marker}:
	case <-r.stopped:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("flush recorded questions: %w", ctx.Err())
	}
	select {
	case <-marker:
		return nil
	case <-r.stopped:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("flush recorded questions: %w", ctx.Err())
	}
}

// RecordVote is DB.RecordVote, after flushing the queue if the question
// voted on is still in it: a member may vote before it is written.
func (r *Recorder) RecordVote(ctx context.Context, v Vote) (replaced bool, err error) {
	r.pendingMu.Lock()
	queued := r.pending[v.QuestionID]
	r.pendingMu.Unlock()
	if queued {
		if err := r.Flush(ctx); err != nil {
			return false, fmt.Errorf("record vote: %w", err)
		}
	}
	return r.db.RecordVote(ctx, v)
}

// Close stops taking questions and writes those queued, until ctx is
// done; what is left then is dropped, logged and counted.
func (r *Recorder) Close(ctx context.Context) error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		<-r.stopped
		return nil
	}
	r.closed = true
	close(r.closing)
	r.mu.Unlock()

	select {
	case <-r.stopped:
		return nil
	case <-ctx.Done():
		r.cancel() // the writer drops what is left
		<-r.stopped
		return fmt.Errorf("close the recorder: %w", ctx.Err())
	}
}

// The backoff of the recorder's retries.
const retryMin, retryMax = 100 * time.Millisecond, 10 * time.Second

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
