"""One reader per format, each returning the same blocks (blocks.py); formats.py picks one by extension."""
