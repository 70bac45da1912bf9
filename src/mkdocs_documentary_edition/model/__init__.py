"""The content model: typed records, dates, problems, settings, the URL scheme and the index.

It imports nothing else of the package, and nothing of MkDocs: every other layer reads it.
"""
