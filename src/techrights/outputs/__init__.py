"""Outputs made from a built offline edition: the zip (editions.py) and the PDF (book.py)."""
