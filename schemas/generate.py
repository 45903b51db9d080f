"""Write the JSON Schemas of dutyledger's file formats from the records that read them.

    python schemas/generate.py        # rewrite schemas/*.schema.json

The schemas are derived, never written by hand: each record class becomes an
object with exactly its fields (the converter forbids others), required unless
the field has a default; enums and ``Literal`` types become their values;
tuples become arrays; the item union is tagged by ``list`` and the change union
by ``kind``, as the change-set codec writes them (``anyOf`` of branches whose tag is a
constant, so exactly one can match). ``tests/test_schemas.py``
fails when a committed schema differs from what this makes, so a new field is
one run of this script away from its schema.

The schemas check the shape of a file (types, required keys, allowed values).
The rules that need the whole file (references to the department registry,
unique ids, dates) are the loaders' and ``dutyledger check``'s.
"""

from __future__ import annotations

import enum
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, ClassVar, Literal, Union, get_args, get_origin

import attrs
from typing_extensions import TypeVar

import dutyledger
from dutyledger._changes.kinds import CHANGE_KINDS, Change
from dutyledger._edition.records import BasicItem, CooperativeItem, Item, RecalledItem, list_of

HERE = Path(__file__).resolve().parent
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_ITEM_TAGS: dict[type[Any], str] = {
    BasicItem: "basic",
    CooperativeItem: "cooperative",
    RecalledItem: "recalled",
}


class _Builder:
    """Collects the ``$defs`` of one schema while turning types into schemas."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def of(self, tp: Any) -> dict[str, Any]:  # noqa: PLR0911, PLR0912 -- one case per kind of type
        """The schema of a field type."""
        if isinstance(tp, TypeVar | typing.TypeVar):
            # A generic record's parameter (ChangeSet[C]): what it stands for unparameterised.
            return self.of(tp.__bound__)
        # The tags are constants, so at most one branch can match: anyOf says the same as
        # oneOf, and validators stop at the first branch that matches.
        if tp is Item:
            return {"anyOf": [self.tagged(cls, "list", tag) for cls, tag in _ITEM_TAGS.items()]}
        if tp is Change:
            return {"anyOf": [self.tagged(cls, "kind", kind) for kind, cls in CHANGE_KINDS.items()]}
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            options = get_args(tp)
            if type(None) in options and len(options) == 2:
                (other,) = (o for o in options if o is not type(None))
                return {"anyOf": [self.of(other), {"type": "null"}]}
            return {"anyOf": [self.of(o) for o in options]}
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin is tuple:
            args = get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin is dict:
            _, value = get_args(tp)
            return {"type": "object", "additionalProperties": self.of(value)}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if tp is str:
            return {"type": "string"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is type(None):
            return {"type": "null"}
        if isinstance(tp, type) and attrs.has(tp):
            return self.record(tp)
        raise TypeError(f"no schema for {tp!r}")

    def _object(self, cls: type[Any], extra: dict[str, Any]) -> dict[str, Any]:
        attrs.resolve_types(cls)
        properties = dict(extra)
        required = list(extra)
        for field in attrs.fields(cls):
            properties[field.name] = self.of(field.type)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        doc = (cls.__doc__ or "").strip().split("\n\n", 1)[0].replace("\n", " ")
        return {
            "title": cls.__name__,
            "description": " ".join(doc.split()),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def record(self, cls: type[Any]) -> dict[str, Any]:
        """A ``$ref`` to the record's definition, made on first use."""
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder, for records that refer to themselves
            self.defs[name] = self._object(cls, {})
        return {"$ref": f"#/$defs/{name}"}

    def tagged(self, cls: type[Any], tag: str, value: str) -> dict[str, Any]:
        """A record written with a tag key first (``{"kind": "moved", …}``)."""
        name = f"{cls.__name__}.{tag}"
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = self._object(cls, {tag: {"const": value}})
        return {"$ref": f"#/$defs/{name}"}


def schema(fmt: str, root: type[Any], title: str, description: str) -> dict[str, Any]:
    """The schema of a file whose top level is ``{"format": fmt, **root's fields}``."""
    builder = _Builder()
    body = builder._object(root, {"format": {"const": fmt}})
    return {
        "$schema": DIALECT,
        "$comment": "Made by schemas/generate.py from the dutyledger records; do not edit.",
        "title": title,
        "description": description,
        "type": "object",
        "properties": body["properties"],
        "required": body["required"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


SCHEMAS: dict[str, tuple[str, type[Any], str, str]] = {
    "edition-1.schema.json": (
        dutyledger.FORMAT,
        dutyledger.Edition,
        "dutyledger edition, format dutyledger.edition/1",
        "One dated edition of a township's three duty lists (乡镇履行职责事项清单); "
        "docs/edition-format.md describes every field.",
    ),
    "changeset-1.schema.json": (
        dutyledger.CHANGESET_FORMAT,
        dutyledger.ChangeSet,
        "dutyledger change set, format dutyledger.changeset/1",
        "Every change between two editions, as `dutyledger diff --format json` writes it; "
        "docs/changes.md describes the kinds.",
    ),
    "crosswalk-1.schema.json": (
        dutyledger.CROSSWALK_FORMAT,
        dutyledger.Crosswalk,
        "dutyledger crosswalk, format dutyledger.crosswalk/1",
        "The pairing of two editions' items, as `dutyledger match` writes it, for review.",
    ),
}


def render(name: str) -> str:
    """The text of one schema file, as committed."""
    fmt, root, title, description = SCHEMAS[name]
    return json.dumps(schema(fmt, root, title, description), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    """Rewrite every schema file; print the ones that changed."""
    for name in SCHEMAS:
        path = HERE / name
        text = render(name)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


_ = (ClassVar, list_of)  # referenced by the records' annotations when types are resolved

if __name__ == "__main__":
    sys.exit(main())
