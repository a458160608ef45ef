"""Build the bilingual toolkit: data model, validation, page generation, MkDocs glue, CLI."""
