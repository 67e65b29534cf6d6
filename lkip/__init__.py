"""lkip: Indonesian government performance reports (LKIP) as a queryable dataset.

The pipeline runs extract -> normalize -> schema: :mod:`lkip.extract` reads a
file into raw records, :mod:`lkip.normalize` parses numbers, matches indicators
and runs the consistency checks, and :mod:`lkip.schema` stores the result in
DuckDB. :mod:`lkip.pipeline` drives a batch; :mod:`lkip.cli` is the command.
"""

__version__ = "0.1.0"
PARSER_VERSION = "0.4.0"  # 0.4: other offices' PKs kept apart, separators settled by the row, table inventory
