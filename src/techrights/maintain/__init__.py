"""Tools for maintainers and translators: a case study to fill in, a new language, JSON Schemas."""
