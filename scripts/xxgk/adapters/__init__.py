"""The renderers the site is handed to; only these import them."""
