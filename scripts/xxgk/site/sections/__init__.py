"""One module per part of the site; each contributes its pages, downloads and records."""
