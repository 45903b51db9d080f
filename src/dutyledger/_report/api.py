"""The library's way to a change report: :func:`render_report`, one call from change set to bytes.

It stands on the report's two entry points, ``build_report`` (change set → typed
report) and ``renderer(name)`` (the format's renderer), so it keeps working
whatever each renderer does inside. Office formats need the ``office`` extra:
asking for one without it raises :class:`MissingExtraError`, naming the extra,
before anything is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

from dutyledger._extras import require
from dutyledger.exceptions import Problem, ReportError

if TYPE_CHECKING:
    from dutyledger._changes.changeset import ChangeSet
    from dutyledger._edition.records import Edition

__all__ = ["REPORT_FORMATS", "ReportFormat", "ReportLanguage", "render_report", "require_format"]

ReportFormat = Literal["text", "md", "html", "xlsx", "docx", "csv", "json"]
"""The formats of a change report (``dutyledger diff --format``)."""
REPORT_FORMATS: tuple[ReportFormat, ...] = get_args(ReportFormat)

ReportLanguage = Literal["zh", "en"]
"""The language of a report's labels and notes; the items' texts are never translated."""

# The formats whose libraries come with an extra: (module, extra, what needs it).
_NEEDS: dict[str, tuple[str, str, str]] = {
    "xlsx": ("openpyxl", "office", "the Excel report (--format xlsx)"),
    "docx": ("docx", "office", "the Word report (--format docx)"),
}


def require_format(format: str) -> None:
    """Check that a report format exists and that its optional library is installed.

    Raises:
        ReportError: No format of that name.
        MissingExtraError: The format's library is not installed; names the extra.
    """
    if format not in REPORT_FORMATS:
        expected = " or ".join(map(repr, REPORT_FORMATS))
        message = f"no report format {format!r}; expected {expected}"
        raise ReportError("render_report", [Problem(where="format", message=message)])
    if format in _NEEDS:
        module, extra, feature = _NEEDS[format]
        require(module, extra=extra, feature=feature)


def render_report(
    changes: ChangeSet,
    old: Edition,
    new: Edition,
    *,
    format: ReportFormat = "md",
    lang: ReportLanguage = "zh",
    show_renumbered: bool = False,
) -> bytes:
    """Render the change report of ``diff(old, new)`` in one format.

    The same report as ``dutyledger diff OLD NEW --format FORMAT``: counts by
    kind and list, then every change grouped by kind, with the changed
    characters of reworded text marked.

    Args:
        changes: The change set, from :func:`diff` of ``old`` and ``new``.
        old: The earlier edition.
        new: The later edition.
        format: ``text`` (plain, for a terminal or a log), ``md``, ``html``,
            ``csv``, ``json`` (the change set, ``dutyledger.changeset/1``),
            or the office formats ``xlsx`` and ``docx`` (the ``office`` extra).
        lang: The language of the labels and notes: ``zh`` or ``en``.
        show_renumbered: Also list the changes of form (序号, page, id,
            spelling, order), left out by default.

    Returns:
        The file's bytes; text formats are UTF-8.

    Raises:
        ReportError: An unknown ``format`` or ``lang`` (a ``ValueError`` too).
        MissingExtraError: ``xlsx`` or ``docx`` without the ``office`` extra.
    """
    require_format(format)
    if lang not in get_args(ReportLanguage):
        message = f"no report language {lang!r}; expected 'zh' or 'en'"
        raise ReportError("render_report", [Problem(where="lang", message=message)])
    if format == "json":
        from dutyledger._changes.codec import dump_changeset

        return dump_changeset(changes).encode("utf-8")
    from dutyledger._report.base import renderer
    from dutyledger._report.build import build_report

    report = build_report(changes, old, new, lang=lang, show_renumbered=show_renumbered)
    return renderer(format).render(report)
