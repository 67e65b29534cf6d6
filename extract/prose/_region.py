"""Region names after an office word ("BNN Kabupaten X"), and the level they give."""

from __future__ import annotations

from collections.abc import Sequence

from lkip.extract.model import Level
from lkip.extract.vocab import Gazetteer, NameToken, name_tokens

# Words of a report that never begin or continue an unknown region's name.
_NOT_REGION = set(
    """tahun anggaran nomor dan di yang dengan pada kabupaten kota provinsi propinsi kab prov
    perjanjian penetapan target laporan lkip lakip lkjip kinerja instansi pemerintah pemerintahan
    akuntabilitas bab pendahuluan ringkasan ikhtisar eksekutif kata pengantar daftar isi tabel
    gambar grafik lampiran sasaran indikator realisasi capaian program kegiatan rencana renstra
    strategis iku satuan no sumber keterangan halaman hal periode semester triwulan bulan
    januari februari maret april mei juni juli agustus september oktober november desember
    dalam sebagai telah selaku bersama melalui berdasarkan terhadap untuk adalah yaitu serta
    kepala sekretaris jalan jl telp telepon email fax website pihak nama jabatan nip
    badan dinas bnn bnnp bnnk biro balai bidang seksi""".split()
)
_MAX_UNKNOWN_WORDS = 3
# Words kept in lower case inside a name ("Dinas Kebudayaan dan Pariwisata").
SMALL_WORDS = {"dan", "serta", "di", "ke", "dari", "untuk", "pada", "atas"}


def names_region(text: str, gaz: Gazetteer) -> bool:
    """Return whether a province, or a kabupaten/kota of two or more words, is named in ``text``."""
    tokens = name_tokens(text, window=len(text))
    words = [t.word for t in tokens]
    for i in range(len(words)):
        if gaz.match_province(words[i:]):
            return True
        hit = gaz.match_regency(words[i:])
        if hit and hit.words >= 2:
            return True
    return False


def level_of(word: str) -> Level:
    """Return the level a level word names: "Provinsi"/"Prov." provinsi, "Kab." kabupaten, else kota."""
    w = word.lower().replace(" ", "")
    if w.startswith("prov") or w.startswith("prop"):
        return Level.PROVINSI
    if w.startswith("kab"):
        return Level.KABUPATEN
    return Level.KOTA


def bnnk_level(region: str, gaz: Gazetteer) -> Level:
    """Return the level of a "BNNK X" office: kota when X is a kota and not also a kabupaten."""
    kota = gaz.provinces_of(region, "kota")
    kab = gaz.provinces_of(region, "kabupaten")
    return Level.KOTA if kota and not kab else Level.KABUPATEN


def region_after(
    text: str, pos: int, level: Level | None, gaz: Gazetteer
) -> tuple[str, int] | None:
    """Return the region named at ``pos`` (after a level word) and the offset where it ends.

    A name the gazetteer knows is taken whole (the longest one), even over a line break.
    An unknown (new or fictional) name is at most three capitalised words, never crosses
    punctuation or a sentence end, stops at a report word ("Tahun", "Perjanjian", "BAB")
    and crosses a line end only when the next line goes on with the sentence.
    """
    tokens = name_tokens(text, pos)
    words, last_token = _join_spaced_letters(tokens)
    if level is Level.PROVINSI:
        hit = gaz.match_province(words)
    else:
        hit = gaz.match_regency(words, level.value if level else None)
        if hit is None and level is not None:
            hit = gaz.match_regency(words)
    if hit:
        return hit.name, tokens[last_token[hit.words - 1]].end
    name: list[str] = []
    end = pos
    for i, tok in enumerate(tokens):
        w = tok.word
        if (
            not w[:1].isupper()
            or w.lower() in _NOT_REGION
            or len(w) < 3
            or (tok.new_line and name and not _sentence_goes_on(tokens, i))
        ):
            break
        name.append(w.capitalize() if w.isupper() else w)
        end = tok.end
        if tok.last or len(name) == _MAX_UNKNOWN_WORDS:
            break
    return (" ".join(name), end) if name else None


def _sentence_goes_on(tokens: Sequence[NameToken], i: int) -> bool:
    """Return whether the line starting at token ``i`` continues a sentence, not a heading.

    It does when, after its capitalised words, the line goes on in lower case
    ("Lestari menetapkan ...") or with the year, on that line or the next one
    ("LESTARI" / "TAHUN 2024" in a title).
    """
    for j in range(i, len(tokens)):
        tok = tokens[j]
        w = tok.word
        if j > i and tok.new_line:
            return w.lower() == "tahun"
        if w.lower() in ("tahun", "ta"):
            return True
        if not w[:1].isupper() or w.lower() in SMALL_WORDS:
            return w[:1].islower()
        if w.lower() in _NOT_REGION or tok.last:
            return False
    return False


def _join_spaced_letters(tokens: Sequence[NameToken]) -> tuple[list[str], list[int]]:
    """Join runs of single letters ("J A W A B A R A T") into one word; keys ignore spaces.

    Returns the words and, for each, the index of the last token it took.
    """
    words: list[str] = []
    last: list[int] = []
    run: list[str] = []
    for i, tok in enumerate([*tokens, None]):
        w = tok.word if tok else ""
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if run:
            words.append("".join(run))
            last.append(i - 1)
            run = []
        if w:
            words.append(w)
            last.append(i)
    return words, last
