"""The MkDocs adapter: MkDocs 1.x (or ProperDocs) with Material, static-i18n and macros.

`command.py` runs the engine for the pipeline, one process per language; inside each process,
`plugin.py` (the `techrights` plugin of mkdocs.yml) and `macros.py` do what only the engine can,
`shared_nav.py` renders the navigation once per folder, `config.py` edits mkdocs.yml. Only this
package imports MkDocs, Material or their plugins (checked by import-linter).
"""

from .command import MkDocsEngine

__all__ = ["MkDocsEngine"]
