"""MkDocs (or ProperDocs): the plugin, `xxgk build` and the pages' security policy."""
