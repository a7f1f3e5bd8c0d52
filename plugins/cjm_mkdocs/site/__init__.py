"""The site: every generated page and download, rendered through templates. Knows nothing of MkDocs."""
