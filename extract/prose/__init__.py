"""Running text to records: metadata, executive-summary claims, count claims, budget, list PKs.

:func:`read_prose` builds the document's cleaned stream once (:class:`Prose`) and passes
it to each reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lkip.extract.model import Provenance, RawBudget, RawCapaianRow, RawCountClaim, RawMeta, TextLine
from lkip.extract.prose._budget import extract_budget
from lkip.extract.prose._claims import extract_count_claims, extract_summary_claims
from lkip.extract.prose._list_pk import pk_rows_from_list
from lkip.extract.prose._meta import extract_meta, reported_year_of
from lkip.extract.prose._signers import PkSigner, foreign_office, is_own_office, pk_signers
from lkip.extract.prose._stream import Prose, prose_of

__all__ = [
    "PkSigner",
    "Prose",
    "ProseFindings",
    "extract_budget",
    "extract_count_claims",
    "extract_meta",
    "extract_summary_claims",
    "foreign_office",
    "is_own_office",
    "pk_signers",
    "pk_rows_from_list",
    "prose_of",
    "read_prose",
    "reported_year_of",
]


@dataclass(frozen=True, slots=True)
class ProseFindings:
    """What a document's running text states.

    Attributes:
        meta: Office, level, province, regency and reported year.
        summary: The executive summary's per-indicator claims.
        counts: Count claims (how many indicators met their target...).
        budget: The office's own budget, or None.
        signers: Who signs each PK as PIHAK PERTAMA, in document order.
    """

    meta: RawMeta
    summary: tuple[RawCapaianRow, ...]
    counts: tuple[RawCountClaim, ...]
    budget: RawBudget | None
    signers: tuple[PkSigner, ...] = ()

    def foreign_office(self) -> Callable[[Provenance], str | None]:
        """Return the function telling rows of another office's PK (see :func:`foreign_office`)."""
        return foreign_office(self.signers, self.meta)


def read_prose(lines: Sequence[TextLine]) -> ProseFindings:
    """Given a document's lines, return what its running text states (one stream, built once)."""
    prose = prose_of(lines)
    return ProseFindings(
        meta=extract_meta(prose),
        summary=tuple(extract_summary_claims(prose)),
        counts=tuple(extract_count_claims(prose)),
        budget=extract_budget(prose),
        signers=pk_signers(lines),
    )
