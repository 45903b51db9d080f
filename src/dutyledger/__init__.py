"""dutyledger: township duty lists (乡镇履行职责事项清单) as dated, typed editions.

The public API. Everything is re-exported from private modules; import from
here, not from them.
"""

from dutyledger._builtin import builtin_edition, builtin_edition_names, builtin_edition_path
from dutyledger._codec import (
    FORMAT,
    dump_edition,
    edition_to_dict,
    load_edition,
    make_converter,
    validate_edition,
)
from dutyledger._departments import DepartmentRegistry
from dutyledger._export import export_tsv
from dutyledger._ingest import IngestMeta, ingest_text, load_ingest_meta, meta_from_edition
from dutyledger._model import (
    BasicItem,
    Block,
    ContentsEntry,
    CooperativeItem,
    Department,
    DeptRef,
    DutyText,
    Edition,
    EditionMeta,
    EditionSource,
    EditionStatus,
    Heading,
    Item,
    Jurisdiction,
    ListDeclaration,
    ListKind,
    Preamble,
    PreambleSection,
    RecalledItem,
    RecallEntry,
    Step,
)
from dutyledger._summary import ListSummary, summarise
from dutyledger._text import parse_duty_text, render_duty_text
from dutyledger._version import __version__
from dutyledger.exceptions import (
    DutyLedgerError,
    EditionLoadError,
    ExportError,
    IngestError,
    MetadataError,
    Problem,
    UnknownEditionError,
)

__all__ = [
    "FORMAT",
    "BasicItem",
    "Block",
    "ContentsEntry",
    "CooperativeItem",
    "Department",
    "DepartmentRegistry",
    "DeptRef",
    "DutyLedgerError",
    "DutyText",
    "Edition",
    "EditionLoadError",
    "EditionMeta",
    "EditionSource",
    "EditionStatus",
    "ExportError",
    "Heading",
    "IngestError",
    "IngestMeta",
    "Item",
    "Jurisdiction",
    "ListDeclaration",
    "ListKind",
    "ListSummary",
    "MetadataError",
    "Preamble",
    "PreambleSection",
    "Problem",
    "RecallEntry",
    "RecalledItem",
    "Step",
    "UnknownEditionError",
    "__version__",
    "builtin_edition",
    "builtin_edition_names",
    "builtin_edition_path",
    "dump_edition",
    "edition_to_dict",
    "export_tsv",
    "ingest_text",
    "load_edition",
    "load_ingest_meta",
    "make_converter",
    "meta_from_edition",
    "parse_duty_text",
    "render_duty_text",
    "summarise",
    "validate_edition",
]
