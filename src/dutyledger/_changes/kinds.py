"""Change records: one frozen class per kind of change, joined by the :data:`Change` union.

Every record about an item carries the old and the new item whole (``old`` /
``new``; ``None`` where there is none), so a record says what changed *and*
where the item stands before and after (list, 序号). An item with several
changes (moved and renamed) has one record per change, each carrying the same
two items. :func:`dutyledger.apply` rebuilds the new edition from them.

Kinds fall in three groups (``group``):

* ``item``: what policy staff ask about: added, removed, moved, split, merged,
  renamed, recategorised, ★, departments, duty texts;
* ``clerical``: changes of form, kept apart and left out of summaries unless
  asked for: 序号, page, id, the spelling of a department, the order of a list;
* ``edition``: the edition's metadata, preamble and department registry.

The classes live in one module per family: ``_changes_items`` (presence,
list, name, category, ★), ``_changes_departments``, ``_changes_text`` (duty
texts), ``_changes_clerical`` (clerical and edition records). This module
joins them in the :data:`Change` union and :data:`CHANGE_KINDS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from dutyledger._changes.blocks import (
    BlockAdded,
    BlockReassigned,
    BlockRemoved,
    BlockRetitled,
    StepAdded,
    StepRemoved,
    StepReworded,
)
from dutyledger._changes.clerical import (
    ListReordered,
    MetaChanged,
    PreambleChanged,
    RegistryChanged,
    Reidentified,
    Renumbered,
    Repaged,
)
from dutyledger._changes.departments import (
    DepartmentAdded,
    DepartmentReassigned,
    DepartmentRemoved,
    LeadDepartmentChanged,
    WordingChanged,
)
from dutyledger._changes.items import (
    Added,
    Merged,
    Moved,
    Recategorised,
    Removed,
    Renamed,
    Split,
    StarCleared,
    StarSet,
)

__all__ = [
    "CHANGE_KINDS",
    "Added",
    "BlockAdded",
    "BlockReassigned",
    "BlockRemoved",
    "BlockRetitled",
    "Change",
    "ChangeKind",
    "DepartmentAdded",
    "DepartmentReassigned",
    "DepartmentRemoved",
    "LeadDepartmentChanged",
    "ListReordered",
    "Merged",
    "MetaChanged",
    "Moved",
    "PreambleChanged",
    "Recategorised",
    "RegistryChanged",
    "Reidentified",
    "Removed",
    "Renamed",
    "Renumbered",
    "Repaged",
    "Split",
    "StarCleared",
    "StarSet",
    "StepAdded",
    "StepRemoved",
    "StepReworded",
    "WordingChanged",
]

Change = (
    MetaChanged
    | PreambleChanged
    | RegistryChanged
    | Added
    | Removed
    | Moved
    | Split
    | Merged
    | Renamed
    | Recategorised
    | StarSet
    | StarCleared
    | DepartmentAdded
    | DepartmentRemoved
    | DepartmentReassigned
    | LeadDepartmentChanged
    | StepAdded
    | StepRemoved
    | StepReworded
    | BlockAdded
    | BlockRemoved
    | BlockReassigned
    | BlockRetitled
    | WordingChanged
    | Renumbered
    | Repaged
    | Reidentified
    | ListReordered
)
"""A change record of any kind."""

ChangeKind = Literal[
    "meta",
    "preamble",
    "registry",
    "added",
    "removed",
    "moved",
    "split",
    "merged",
    "renamed",
    "recategorised",
    "star_set",
    "star_cleared",
    "department_added",
    "department_removed",
    "department_reassigned",
    "lead_department_changed",
    "step_added",
    "step_removed",
    "step_reworded",
    "block_added",
    "block_removed",
    "block_reassigned",
    "block_retitled",
    "wording",
    "renumbered",
    "repaged",
    "reidentified",
    "reordered",
]
"""The ``kind`` tag of a change record, in the order a change set lists them."""

CHANGE_KINDS: Mapping[ChangeKind, type[Change]] = MappingProxyType(
    {
        cls.kind: cls
        for cls in (
            MetaChanged,
            PreambleChanged,
            RegistryChanged,
            Added,
            Removed,
            Moved,
            Split,
            Merged,
            Renamed,
            Recategorised,
            StarSet,
            StarCleared,
            DepartmentAdded,
            DepartmentRemoved,
            DepartmentReassigned,
            LeadDepartmentChanged,
            StepAdded,
            StepRemoved,
            StepReworded,
            BlockAdded,
            BlockRemoved,
            BlockReassigned,
            BlockRetitled,
            WordingChanged,
            Renumbered,
            Repaged,
            Reidentified,
            ListReordered,
        )
    }
)
"""Every change class by its ``kind`` tag, in the order a change set lists them (read-only)."""

for _rank, _cls in enumerate(CHANGE_KINDS.values()):
    _cls.rank = _rank
