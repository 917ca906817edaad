"""The county's data: each kind of file read, typed and validated on its own."""
