"""Derived data the pages show, computed once per concept: plain results, no markup."""
