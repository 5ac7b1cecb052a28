"""The store and its schema: the descriptor, the files, parsing, and the derived indexes."""
