"""Reading `source/`: YAML with locations, front matter, Pandoc's AST, and the loader that joins them."""
