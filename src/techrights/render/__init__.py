"""Rendering: Markdown pages from the data, the HTML of the components (templates with autoescape),
the shortcodes pages call, the notices, the exports' text. Nothing here knows the engine."""
