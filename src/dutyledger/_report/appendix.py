"""The appendix of a report: edition-level changes (metadata, 说明, 部门名录) in plain words.

Staff read what changed in the cover, the 说明 and the department registry as sentences and
marked texts, never as JSON paths.
"""

from __future__ import annotations

from dutyledger._changes.changeset import ChangeSet
from dutyledger._changes.kinds import MetaChanged, PreambleChanged, RegistryChanged
from dutyledger._edition.records import Department, EditionMeta, Preamble
from dutyledger._report.cells import compare, marked_values, marked_whole
from dutyledger._report.labels import LABELS, LIST_FULL, edition_date
from dutyledger._report.model import AppendixEntry, Lang

__all__ = ["Appendix"]


class Appendix:
    """Writes the appendix entries of a change set in one language."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.labels = LABELS[lang]
        self.sep = self.labels["separator"]

    def entries(self, changes: ChangeSet) -> list[AppendixEntry]:
        """The entries of the edition-level changes (metadata, preamble, registry), in order."""
        entries: list[AppendixEntry] = []
        for change in changes:
            if isinstance(change, MetaChanged):
                entries += self.meta_entries(change.old, change.new)
            elif isinstance(change, PreambleChanged):
                entries += self.preamble_entries(change.old, change.new)
            elif isinstance(change, RegistryChanged):
                entries += self.registry_entries(change.old, change.new)
        return entries

    def entry(
        self, topic: str, label: str, old: str, new: str, *, whole: bool = False
    ) -> AppendixEntry:
        """An appendix entry; ``whole`` marks short values (dates, counts) whole, not by character."""
        old_cell, new_cell = compare(old, new)
        if whole and old != new:
            old_cell, new_cell = marked_whole(old, "delete"), marked_whole(new, "insert")
        if not old:
            new_cell = marked_whole(new, "insert")
        if not new:
            old_cell = marked_whole(old, "delete")
        return AppendixEntry(topic=self.labels[topic], label=label, old=old_cell, new=new_cell)

    def meta_entries(self, old: EditionMeta, new: EditionMeta) -> list[AppendixEntry]:
        labels = self.labels
        found = []
        if old.title != new.title:
            found.append(self.entry("meta", labels["meta_title"], old.title, new.title))
        if old.date != new.date:
            found.append(
                self.entry(
                    "meta",
                    labels["meta_date"],
                    edition_date(old.date, self.lang),
                    edition_date(new.date, self.lang),
                    whole=True,
                )
            )
        if old.status != new.status:
            found.append(
                self.entry(
                    "meta",
                    labels["meta_status"],
                    labels[f"status_{old.status.value}"],
                    labels[f"status_{new.status.value}"],
                    whole=True,
                )
            )
        if old.jurisdiction != new.jurisdiction:
            where = [
                "".join((j.province, j.city, j.county, j.township))
                for j in (old.jurisdiction, new.jurisdiction)
            ]
            found.append(self.entry("meta", labels["meta_jurisdiction"], *where))
        return found

    def preamble_entries(self, old: Preamble, new: Preamble) -> list[AppendixEntry]:
        labels = self.labels
        found = []
        if old.title_lines != new.title_lines:
            found.append(
                self.entry(
                    "preamble",
                    labels["cover"],
                    " ".join(old.title_lines),
                    " ".join(new.title_lines),
                )
            )
        old_sections = {s.title: s for s in old.sections}
        for section in new.sections:
            before = old_sections.pop(section.title, None)
            paragraphs = before.paragraphs if before is not None else ()
            for index in range(max(len(paragraphs), len(section.paragraphs))):
                a = paragraphs[index] if index < len(paragraphs) else ""
                b = section.paragraphs[index] if index < len(section.paragraphs) else ""
                if a != b:
                    found.append(self.entry("preamble", section.title, a, b))
        for section in old_sections.values():
            for paragraph in section.paragraphs:
                found.append(self.entry("preamble", section.title, paragraph, ""))
        old_declared = {d.list: d for d in old.declarations}
        for declared in new.declarations:
            before_declared = old_declared.get(declared.list)
            name = LIST_FULL[self.lang][declared.list]
            if before_declared is None or before_declared == declared:
                continue
            if before_declared.categories != declared.categories:
                gone = set(before_declared.categories) - set(declared.categories)
                came = set(declared.categories) - set(before_declared.categories)
                old_cell = marked_values(
                    [(c, c) for c in before_declared.categories],
                    set(before_declared.categories) - gone,
                    "delete",
                    self.sep,
                )
                new_cell = marked_values(
                    [(c, c) for c in declared.categories],
                    set(declared.categories) - came,
                    "insert",
                    self.sep,
                )
                found.append(
                    AppendixEntry(
                        topic=labels["preamble"],
                        label=labels["declared_category_names"].format(list=name),
                        old=old_cell,
                        new=new_cell,
                    )
                )
            for field, key in (
                ("category_count", "declared_categories"),
                ("item_count", "declared_items"),
                ("department_count", "declared_departments"),
            ):
                a, b = getattr(before_declared, field), getattr(declared, field)
                if a != b:
                    found.append(
                        self.entry(
                            "preamble",
                            labels[key].format(list=name),
                            "" if a is None else str(a),
                            "" if b is None else str(b),
                            whole=True,
                        )
                    )
        if old.contents != new.contents:
            found.append(
                self.entry(
                    "preamble",
                    labels["contents"],
                    self.sep.join(f"{c.title} {c.page}" for c in old.contents),
                    self.sep.join(f"{c.title} {c.page}" for c in new.contents),
                )
            )
        return found

    def registry_entries(
        self, old: tuple[Department, ...], new: tuple[Department, ...]
    ) -> list[AppendixEntry]:
        labels = self.labels
        before = {d.id: d for d in old}
        after = {d.id: d for d in new}
        found = []
        for department in new:
            was = before.get(department.id)
            if was is None:
                found.append(self.entry("registry", labels["dept_added"], "", department.name))
                continue
            if was.name != department.name:
                found.append(
                    self.entry("registry", labels["dept_renamed"], was.name, department.name)
                )
            for field, key in (("short_names", "dept_short"), ("aliases", "dept_aliases")):
                a, b = getattr(was, field), getattr(department, field)
                if a != b:
                    found.append(
                        self.entry(
                            "registry",
                            f"{labels[key]}（{department.name}）"
                            if self.lang == "zh"
                            else f"{labels[key]} ({department.name})",
                            self.sep.join(a),
                            self.sep.join(b),
                        )
                    )
        for department in old:
            if department.id not in after:
                found.append(self.entry("registry", labels["dept_removed"], department.name, ""))
        return found
