"""What staff run: the `xxgk` command, new documents and reports, imports, new repositories."""
