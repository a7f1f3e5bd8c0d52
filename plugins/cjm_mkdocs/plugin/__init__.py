"""The MkDocs plugin `cjm`: event hooks that hand MkDocs the pages of :mod:`cjm_mkdocs.site`.

The only layer that imports MkDocs; `mkdocs.yml` names it as the `cjm` plugin.
"""

from .events import JourneyPlugin

__all__ = ["JourneyPlugin"]
