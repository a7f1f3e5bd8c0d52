"""Real-browser tests of the built site (issue 4)."""
