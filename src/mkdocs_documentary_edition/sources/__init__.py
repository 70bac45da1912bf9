"""From files to records: front-matter, the schema, the one Markdown reading, the bibliography,
the cross-file checks and the record of published URLs. Imports the model, nothing above it."""
