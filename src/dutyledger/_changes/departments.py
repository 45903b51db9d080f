"""Change records about an item's departments, by identity, and about form only.

A department is compared by its registry id, never by how it is written: an
alias is :class:`WordingChanged` (clerical), not a reassignment. Part of the
change vocabulary; :mod:`dutyledger._changes.kinds` joins every kind.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import attrs

from dutyledger._changes.base import ChangeGroup, Column, MatchSource
from dutyledger._changes.blocks import PairMixin
from dutyledger._edition.records import DeptRef, Item

__all__ = [
    "DepartmentAdded",
    "DepartmentReassigned",
    "DepartmentRemoved",
    "LeadDepartmentChanged",
    "WordingChanged",
]


@attrs.frozen(kw_only=True)
class DepartmentAdded(PairMixin):
    """A department now named by a 配合 item (对应上级部门) or a 收回 item (承接部门).

    Departments are identities: a department is added when its id is new to
    the item, never because it is spelled another way.

    Attributes:
        department: The mention in the new item.
    """

    kind: ClassVar[Literal["department_added"]] = "department_added"
    term: ClassVar[str] = "增加部门"

    match: MatchSource
    confidence: float
    department: DeptRef
    old: Item
    new: Item

    def invert(self) -> DepartmentRemoved:
        """Return the change read from new to old."""
        return DepartmentRemoved(**self._swapped(), department=self.department)

    def _detail(self) -> tuple[Any, ...]:
        return (self.department.department,)


@attrs.frozen(kw_only=True)
class DepartmentRemoved(PairMixin):
    """A department no longer named by the item.

    Attributes:
        department: The mention in the old item.
    """

    kind: ClassVar[Literal["department_removed"]] = "department_removed"
    term: ClassVar[str] = "减少部门"

    match: MatchSource
    confidence: float
    department: DeptRef
    old: Item
    new: Item

    def invert(self) -> DepartmentAdded:
        """Return the change read from new to old."""
        return DepartmentAdded(**self._swapped(), department=self.department)

    def _detail(self) -> tuple[Any, ...]:
        return (self.department.department,)


@attrs.frozen(kw_only=True)
class DepartmentReassigned(PairMixin):
    """A department of the item replaced by another: the duty reassigned from A to B.

    The i-th department the item lost is paired with the i-th it gained (each
    in the order written); departments left over are added or removed.

    Attributes:
        old_department: The department the item no longer names (A).
        new_department: The department that replaced it (B).
    """

    kind: ClassVar[Literal["department_reassigned"]] = "department_reassigned"
    term: ClassVar[str] = "部门调整"

    match: MatchSource
    confidence: float
    old_department: DeptRef
    new_department: DeptRef
    old: Item
    new: Item

    def invert(self) -> DepartmentReassigned:
        """Return the change read from new to old."""
        return DepartmentReassigned(
            **self._swapped(),
            old_department=self.new_department,
            new_department=self.old_department,
        )

    def _detail(self) -> tuple[Any, ...]:
        return (self.old_department.department, self.new_department.department)


@attrs.frozen(kw_only=True)
class LeadDepartmentChanged(PairMixin):
    """Another of the item's departments now leads (is written first).

    Reported only when both departments are named by the item before and after;
    a lead that was removed or replaced is told by that change.

    Attributes:
        old_department: The department that led.
        new_department: The department that leads now.
    """

    kind: ClassVar[Literal["lead_department_changed"]] = "lead_department_changed"
    term: ClassVar[str] = "牵头部门调整"

    match: MatchSource
    confidence: float
    old_department: DeptRef
    new_department: DeptRef
    old: Item
    new: Item

    def invert(self) -> LeadDepartmentChanged:
        """Return the change read from new to old."""
        return LeadDepartmentChanged(
            **self._swapped(),
            old_department=self.new_department,
            new_department=self.old_department,
        )


@attrs.frozen(kw_only=True)
class WordingChanged(PairMixin):
    """表述调整: a column differs in form only (clerical).

    A department written another way (an alias, a short form), the order of
    the departments after the lead, a department heading re-spelled, steps
    renumbered without other change, receivers regrouped. Never a change of
    who is responsible.

    Attributes:
        column: The column whose form changed.
    """

    kind: ClassVar[Literal["wording"]] = "wording"
    term: ClassVar[str] = "表述调整"
    group: ClassVar[ChangeGroup] = "clerical"

    match: MatchSource
    confidence: float
    column: Column
    old: Item
    new: Item

    def invert(self) -> WordingChanged:
        """Return the change read from new to old."""
        return WordingChanged(**self._swapped(), column=self.column)

    def _detail(self) -> tuple[Any, ...]:
        return (self.column.value,)
