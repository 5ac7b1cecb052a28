"""Build-only code: what ``scripts/build.py`` writes from the descriptor and the data.

None of this ships in the wheel. Each module turns the descriptor (and, for the reports, the
parsed tables) into the text of one kind of generated file:

- ``json_schemas``: ``schemas/<table>.schema.json``, the JSON Schema of one record;
- ``dictionary``: ``docs/data-dictionary.md``;
- ``coverage_report``: ``docs/coverage.md``;
- ``contract``: ``contract/<version>.json`` and the comparison of two releases' contracts;
- ``models``: ``belarus_measures/models.py``, the Pandera models;
- ``timeline_png``: the inputs' digest stamped into ``docs/timeline.png``.
"""
