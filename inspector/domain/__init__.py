"""Pure logic: no Qt, no HTTP, no I/O. Everything here is a function of its arguments."""
