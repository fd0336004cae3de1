package bot

import (
	"container/list"
	"sync"
	"time"
)

// lru is a map that holds at most size entries, forgetting the least
// recently used first, and entries older than ttl (0: no expiry). It is
// what the bot keeps in memory about conversations, answers and
// channels: bounded whatever the traffic.
type lru[K comparable, V any] struct {
	size int
	ttl  time.Duration
	now  func() time.Time

	mu    sync.Mutex
	order *list.List // of *entry[K, V], most recently used first
	items map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key K
	val V
	at  time.Time // when it was put
}

func newLRU[K comparable, V any](size int, ttl time.Duration, now func() time.Time) *lru[K, V] {
	return &lru[K, V]{size: max(size, 1), ttl: ttl, now: now, order: list.New(), items: map[K]*list.Element{}}
}

// get returns the value stored under k, unless it has expired.
func (c *lru[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	el, ok := c.items[k]
	if !ok {
		return zero, false
	}
	e := el.Value.(*entry[K, V])
	if c.ttl > 0 && c.now().Sub(e.at) >= c.ttl {
		c.order.Remove(el)
		delete(c.items, k)
		return zero, false
	}
	c.order.MoveToFront(el)
	return e.val, true
}

// put stores v under k, as of now, and forgets the least recently used
// entry if there are too many.
func (c *lru[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		e := el.Value.(*entry[K, V])
		e.val, e.at = v, c.now()
		c.order.MoveToFront(el)
		return
	}
	c.items[k] = c.order.PushFront(&entry[K, V]{key: k, val: v, at: c.now()})
	for c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*entry[K, V]).key)
	}
}

// len returns how many entries are kept, expired ones included until
// they are looked up or pushed out.
func (c *lru[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// remove forgets the entry under k, if any.
func (c *lru[K, V]) remove(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.order.Remove(el)
		delete(c.items, k)
	}
}
