// Package config reads the assistant's settings from environment
// variables. It never reads the process environment itself: callers pass
// a lookup function, so tests stay hermetic.
package config
