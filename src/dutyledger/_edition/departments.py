"""Departments as identities: the registry that resolves every mention.

A published list names one department in several ways (乌鲁木齐县人社局,
乌鲁木齐县人力资源和社会保障局, 县人社局). The registry maps each spelling —
canonical name, short forms, aliases — to one :class:`Department`. A mention
that resolves to nothing is an error for the caller to report; the registry never
invents a department. The records of a department and of a mention live here too,
so that :mod:`records` (an edition holds them) imports this module, not the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from dutyledger.exceptions import Problem

__all__ = ["Department", "DepartmentRegistry", "DeptRef", "NameKind"]

NameKind = str
"""How a spelling relates to its department: ``canonical``, ``short`` or ``alias``."""


@attrs.frozen(kw_only=True)
class Department:
    """An upstream department (部门（单位）) as one identity.

    Attributes:
        id: Stable id, chosen once in the registry (``county.agriculture``).
        name: The canonical name.
        short_names: Regular short forms (``县农业农村局``).
        aliases: Other spellings met in published texts.
        note: Why an entry is as it is, where that is not obvious.
    """

    id: str
    name: str
    short_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None

    def names(self) -> tuple[str, ...]:
        """Every spelling that resolves to this department, canonical first."""
        return (self.name, *self.short_names, *self.aliases)


@attrs.frozen(kw_only=True)
class DeptRef:
    """A mention of a department: the identity and the words the text used."""

    department: str
    written: str


@attrs.frozen
class DepartmentRegistry:
    """Resolve department mentions to identities.

    Build it with :meth:`of` (or :meth:`Edition.registry`), or with
    :meth:`from_departments`, which also reports registries that give one
    spelling to two departments or one id twice.
    """

    departments: tuple[Department, ...]
    _by_name: Mapping[str, tuple[Department, NameKind]] = attrs.field(repr=False)
    _by_id: Mapping[str, Department] = attrs.field(repr=False)

    @classmethod
    def of(cls, departments: Iterable[Department]) -> DepartmentRegistry:
        """Build a registry; the first entry wins where two clash.

        ``dutyledger check`` (DL112) reports the clashes; use
        :meth:`from_departments` to have them listed.
        """
        registry, _ = cls.from_departments(departments)
        return registry

    @classmethod
    def from_departments(
        cls, departments: Iterable[Department], *, where: str = "$.departments"
    ) -> tuple[DepartmentRegistry, list[Problem]]:
        """Build a registry and list what is inconsistent in it.

        Args:
            departments: The registry's entries.
            where: The path of the entries, for the problems' locations.

        Returns:
            The registry (first entry wins on a clash) and the problems found:
            an id used twice, a spelling that names two departments.
        """
        entries = tuple(departments)
        by_name: dict[str, tuple[Department, NameKind]] = {}
        by_id: dict[str, Department] = {}
        problems: list[Problem] = []
        for index, dept in enumerate(entries):
            if dept.id in by_id:
                problems.append(
                    Problem(
                        where=f"{where}[{index}].id",
                        message=f"duplicate department id {dept.id!r}; expected each id once",
                    )
                )
                continue
            by_id[dept.id] = dept
            spellings = [(dept.name, "canonical")]
            spellings += [(n, "short") for n in dept.short_names]
            spellings += [(n, "alias") for n in dept.aliases]
            for name, kind in spellings:
                other = by_name.get(name)
                if other is not None and other[0].id != dept.id:
                    problems.append(
                        Problem(
                            where=f"{where}[{index}]",
                            message=(
                                f"{name!r} already names department {other[0].id!r}; "
                                "expected each spelling to name one department"
                            ),
                        )
                    )
                    continue
                by_name.setdefault(name, (dept, kind))
        return cls(entries, by_name, by_id), problems

    def resolve(self, written: str) -> Department | None:
        """Return the department a spelling names, or ``None``."""
        hit = self._by_name.get(written)
        return hit[0] if hit else None

    def kind_of(self, written: str) -> NameKind | None:
        """Return whether a spelling is ``canonical``, ``short`` or ``alias``."""
        hit = self._by_name.get(written)
        return hit[1] if hit else None

    def ref(self, written: str) -> DeptRef | None:
        """Return a reference for a mention, or ``None`` if nothing matches."""
        dept = self.resolve(written)
        return None if dept is None else DeptRef(department=dept.id, written=written)

    def get(self, department_id: str) -> Department | None:
        """Return the department with this id, or ``None``."""
        return self._by_id.get(department_id)

    def __contains__(self, department_id: object) -> bool:
        return department_id in self._by_id

    def __iter__(self) -> Iterator[Department]:
        return iter(self.departments)

    def __len__(self) -> int:
        return len(self.departments)
