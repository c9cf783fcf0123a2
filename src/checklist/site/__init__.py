"""The site layer: pure functions that render checklists, results and reports as HTML
for the MkDocs pages (`checklist.site.render`), and the thin mkdocs-macros glue
that registers them (`checklist.site.macros`)."""
