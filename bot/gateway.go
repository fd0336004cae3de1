package bot

import (
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Ready reports whether the bot takes questions: connected to the
// gateway, its commands registered, and not shutting down. It is what a
// readiness probe asks, and never waits: while discordgo holds its
// session's lock to connect again or to close, the bot is not ready.
func (b *Bot) Ready() bool {
	s := b.live.Load()
	if s == nil || !s.TryRLock() {
		return false
	}
	defer s.RUnlock()
	return s.DataReady
}

// watchGateway counts the gateway connections opened again after the
// first (discordgo reconnects by itself, resuming the session when it
// can). It must be added before the session opens.
func (b *Bot) watchGateway(s *discordgo.Session) {
	var connects atomic.Int64
	s.AddHandler(func(*discordgo.Session, *discordgo.Connect) {
		if connects.Add(1) > 1 {
			b.log.Info("reconnected to the Discord gateway")
			b.opts.observer.Reconnected()
		}
	})
}

// sampleHeartbeat reports the gateway's latency to the observer every
// heartbeatEvery, until stop is called; stop returns once it has.
func (b *Bot) sampleHeartbeat(s *discordgo.Session) (stop func()) {
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(b.opts.heartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if d, ok := heartbeatLatency(s); ok {
					b.opts.observer.Heartbeat(d)
				}
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
	}
}

// heartbeatLatency is the time between the last heartbeat and its
// acknowledgement, once it is acknowledged.
//
// discordgo records the acknowledgement under the session's lock, but
// the heartbeat's time under a lock of its own that it does not export;
// right after it, though, it sets DataReady under the session's lock.
// Reading the heartbeat's time only once DataReady is seen, under the
// read lock, thus reads it after it was written; it could only be read
// while rewritten for a later heartbeat, a few microseconds in every
// interval (41 s), which a sample a few seconds apart does not meet.
func heartbeatLatency(s *discordgo.Session) (time.Duration, bool) {
	if !s.TryRLock() {
		return 0, false
	}
	defer s.RUnlock()
	if !s.DataReady {
		return 0, false
	}
	d := s.LastHeartbeatAck.Sub(s.LastHeartbeatSent)
	return d, d >= 0 // negative: the last heartbeat awaits its acknowledgement
}
