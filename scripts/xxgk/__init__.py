"""xxgk: generator for a county government's information-disclosure site."""
