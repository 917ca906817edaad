"""Files other than pages: feeds, open data, sitemaps, spreadsheets and Word forms."""
