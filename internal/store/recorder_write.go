package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// write writes the queue by batches until the recorder closes, then what
// is left in it. Between batches, it reserves IDs when they run low: one
// goroutine does both, so that the two never wait for each other's lock.
func (r *Recorder) write(ctx context.Context) {
	defer close(r.stopped)
	defer r.cancel()
	var retry time.Time // no reservation before, after a failure
	wait := retryMin
	for {
		if len(r.ids) <= idBlock && time.Now().After(retry) {
			if err := r.reserve(ctx); err != nil {
				r.db.log.Warn("reserve question IDs", "err", err, "retry_in", wait)
				retry = time.Now().Add(wait)
				wait = min(2*wait, retryMax)
			} else {
				wait = retryMin
			}
		}
		select {
		case it := <-r.queue:
			r.writeFrom(ctx, it)
		case <-r.refill:
		case <-r.closing:
			for {
				select {
				case it := <-r.queue:
					r.writeFrom(ctx, it)
				default:
					return
				}
			}
		}
	}
}

// reserve adds idBlock IDs to those ready. It never blocks on r.ids: its
// capacity is 2·idBlock, no more than idBlock are left, and only this
// goroutine adds.
func (r *Recorder) reserve(ctx context.Context) error {
	ids, err := r.db.reserveIDs(ctx, idBlock)
	if err != nil {
		return wrap("reserve question IDs", err)
	}
	for _, id := range ids {
		r.ids <- id
	}
	return nil
}

// writeFrom writes it and whatever else collect takes with it.
func (r *Recorder) writeFrom(ctx context.Context, it item) {
	batch, markers := r.collect(it)
	r.writeBatch(ctx, batch)
	for _, m := range markers {
		close(m)
	}
}

// collect takes it and whatever else is queued, up to maxBatch questions
// and a flush marker: questions queued after a marker wait for the next
// batch.
func (r *Recorder) collect(it item) (batch []Question, markers []chan struct{}) {
	for {
		if it.flush != nil {
			return batch, append(markers, it.flush)
		}
		batch = append(batch, it.q)
		if len(batch) == maxBatch {
			return batch, nil
		}
		select {
		case it = <-r.queue:
		default:
			return batch, nil
		}
	}
}

// writeBatch writes qs in one transaction, retrying while the database
// is busy, full or unreachable, until ctx is done. A batch failing
// otherwise is written question by question, so that one bad question
// loses only itself.
func (r *Recorder) writeBatch(ctx context.Context, qs []Question) {
	if len(qs) == 0 {
		return
	}
	defer func() {
		for _, q := range qs {
			r.setPending(q.ID, false)
		}
	}()
	wait := retryMin
	for {
		err := r.db.tx(ctx, func(tx *sql.Tx) error { return r.db.insertQuestions(ctx, tx, qs) })
		if err == nil {
			return
		}
		err = wrap("record questions", err)
		switch {
		case ctx.Err() != nil:
			r.dropped.Add(int64(len(qs)))
			r.db.log.Error("drop recorded questions: the recorder closed first", "questions", len(qs), "err", err)
			return
		case errors.Is(err, ErrBusy), errors.Is(err, ErrFull), errors.Is(err, ErrUnavailable):
			r.db.log.Warn("record questions: retrying", "questions", len(qs), "err", err, "retry_in", wait)
			sleep(ctx, wait)
			wait = min(2*wait, retryMax)
		case len(qs) > 1:
			for _, q := range qs {
				r.writeBatch(ctx, []Question{q})
			}
			return
		default:
			r.dropped.Add(1)
			r.db.log.Error("drop a recorded question", "id", qs[0].ID, "err", err)
			return
		}
	}
}
