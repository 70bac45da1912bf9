"""What the site shows: each page's view, the one list of generated files, cite-this and its downloads."""
