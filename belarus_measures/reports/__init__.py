"""Reports over the tables: the summary, the coverage report and the diff between releases."""
