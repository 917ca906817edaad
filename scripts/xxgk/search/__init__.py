"""The search index: records for each page, Pagefind runs, and joining their bundles."""
