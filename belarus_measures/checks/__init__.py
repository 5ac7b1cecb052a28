"""The checks: the invariants of the data model and validate()."""
