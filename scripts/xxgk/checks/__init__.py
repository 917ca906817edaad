"""Checks across the whole content, and loading it checked (each check returns list[Problem])."""
