"""`python -m cjm_mkdocs.cli`."""

from .commands import main

main()
