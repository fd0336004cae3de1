package fakediscord

import "errors"

// DropGateway cuts the live gateway connection without a close frame,
// as a network failure would: the client connects again and resumes
// its session (RESUME, answered RESUMED).
func (s *Server) DropGateway() error {
	s.mu.Lock()
	c := s.gw
	s.mu.Unlock()
	if c == nil {
		return errors.New("no gateway connection to drop")
	}
	return c.ws.UnderlyingConn().Close()
}
