"""The `cjm` command: the same core and site as the plugin, for editors and CI."""

from .commands import main

__all__ = ["main"]
