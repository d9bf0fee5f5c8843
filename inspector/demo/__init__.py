"""The built-in demo Toggl API: real HTTP on loopback over a seeded dataset."""
