"""cjm-mkdocs: customer journey maps as code, published with MkDocs."""
