"""Loading: YAML with the position of every value, the models (the schema), the Dataset container,
UI strings, country names, the content folder's files and what is translated."""
