"""The MkDocs adapter: the only code of the package that imports MkDocs."""
