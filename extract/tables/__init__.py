"""The one grid and header model, tables found on pages, and the choice of the tables that feed a report."""

from __future__ import annotations

from lkip.extract.tables._choose import (
    rows_from_tables,
    split_foreign,
    table_spans,
    tables_once,
)
from lkip.extract.tables._grid import (
    Cell,
    TableKind,
    TableModel,
    capaian_rows_from_grid,
    is_column_numbers,
    is_header_row,
    model_from_header,
    pk_rows_from_grid,
    row_key,
    split_header,
)
from lkip.extract.tables._inventory import table_inventory
from lkip.extract.tables._page_table import (
    Grid,
    PageTable,
    header_model,
    header_span,
    join_continued,
    make_cell,
    merge_wrapped_rows,
    texts_of,
)

__all__ = [
    "Cell",
    "Grid",
    "PageTable",
    "TableKind",
    "TableModel",
    "capaian_rows_from_grid",
    "header_model",
    "header_span",
    "is_column_numbers",
    "is_header_row",
    "join_continued",
    "make_cell",
    "merge_wrapped_rows",
    "model_from_header",
    "pk_rows_from_grid",
    "row_key",
    "rows_from_tables",
    "split_foreign",
    "split_header",
    "table_inventory",
    "table_spans",
    "tables_once",
    "texts_of",
]
