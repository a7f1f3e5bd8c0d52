"""Reading and checking journey data: the model, the YAML readers, validation and references.

Knows journeys and YAML, nothing of HTML or MkDocs."""
