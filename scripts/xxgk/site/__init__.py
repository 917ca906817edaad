"""The checked content turned into the site: pages, downloads, feeds and search records."""
