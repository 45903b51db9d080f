"""The public facade: light to import, complete, and showing the public path everywhere."""

from __future__ import annotations

import ast
import inspect
import pickle
import pydoc
import subprocess
import sys
from pathlib import Path

import pytest

import dutyledger

INIT = Path(dutyledger.__file__)
HEAVY = (
    "attr",  # the records' class generation: the commands that make records pay for it
    "cattrs",
    "rapidfuzz",
    "deepdiff",
    "rich",
    "openpyxl",
    "docx",
    "pdfplumber",
    "numpy",
)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "2026-01-illustrative.json"


def _loaded_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; return the heavy top-level modules it loaded."""
    probe = (
        f"import sys\n{code}\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return list(ast.literal_eval(out.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "code",
    [
        "import dutyledger",
        "import dutyledger.cli as c\ntry:\n    c.main(['--version'])\nexcept SystemExit:\n    pass",
        "import dutyledger.cli as c\ntry:\n    c.main(['--help'])\nexcept SystemExit:\n    pass",
        "import dutyledger.cli as c\ntry:\n    c.main(['diff', '--help'])\nexcept SystemExit:\n    pass",
    ],
    ids=["import", "--version", "--help", "diff --help"],
)
def test_starting_loads_no_heavy_library(code: str) -> None:
    """``import dutyledger``, ``--version`` and ``--help`` load no attrs, cattrs, rapidfuzz, deepdiff, report library."""
    assert [] == _loaded_after(code)


def test_first_use_loads_what_it_needs() -> None:
    """The probe can see a load: a converter brings cattrs in, a diff rapidfuzz."""
    assert "cattrs" in _loaded_after("import dutyledger\ndutyledger.make_converter()")
    assert "rapidfuzz" in _loaded_after("import dutyledger\ndutyledger.diff")


def test_a_canonical_file_and_its_diff_need_no_cattrs() -> None:
    """Loading canonical editions, diffing them and the text report leave cattrs unloaded.

    A canonical file takes the hand-built path (``_edition/fast.py``); cattrs is for the
    general path, whose messages name every bad field, and for writing.
    """
    code = (
        "import dutyledger\n"
        "from dutyledger._report.build import build_report\n"
        "from dutyledger._report.base import renderer\n"
        f"old = dutyledger.load_edition({str(EXAMPLE.parents[1] / 'editions' / '2025-01.json')!r})\n"
        f"new = dutyledger.load_edition({str(EXAMPLE)!r})\n"
        "renderer('text').render(build_report(dutyledger.diff(old, new), old, new))"
    )
    assert "cattrs" not in _loaded_after(code)
    assert "cattrs" in _loaded_after(code + "\ndutyledger.dump_edition(old)")


def test_python_m_dutyledger_runs_the_command_line() -> None:
    """``python -m dutyledger --version`` is the ``dutyledger`` script."""
    out = subprocess.run(
        [sys.executable, "-m", "dutyledger", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"dutyledger {dutyledger.__version__}\n" == out


def test_every_public_name_imports_from_dutyledger() -> None:
    """Each name of ``__all__`` resolves; an unknown name is an AttributeError."""
    for name in dutyledger.__all__:
        assert getattr(dutyledger, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        dutyledger.nope  # type: ignore[attr-defined]  # noqa: B018


def test_all_is_the_lazy_table() -> None:
    """``__all__`` lists exactly the lazily loaded names and the version."""
    lazy = dutyledger._LAZY
    assert {*lazy, "__version__"} == set(dutyledger.__all__)


def test_type_checking_imports_match_the_lazy_table() -> None:
    """What mypy sees (the TYPE_CHECKING imports) is what runs (the lazy table)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If))
    seen = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert dutyledger._LAZY == seen


def test_public_objects_report_the_public_module() -> None:
    """Classes and functions say ``dutyledger``, so help, repr and pickle show the public path."""
    private = [
        name
        for name in dutyledger.__all__
        if (obj := getattr(dutyledger, name)) is not None
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and obj.__module__ != "dutyledger"
    ]
    assert [] == private


def test_pickles_name_only_the_public_path() -> None:
    """An edition and a change set pickle by ``dutyledger.X`` and come back equal."""
    old = dutyledger.builtin_edition("2025-01")
    new = dutyledger.load_edition(EXAMPLE)
    changes = dutyledger.diff(old, new)
    for value in (old, changes):
        data = pickle.dumps(value)
        assert b"dutyledger._" not in data
        assert value == pickle.loads(data)


def test_help_is_an_overview() -> None:
    """``help(dutyledger)`` is a page that names the stages, not thousands of lines."""
    for name in dutyledger.__all__:  # even once every name has been used
        getattr(dutyledger, name)
    text = pydoc.plain(pydoc.render_doc(dutyledger))
    assert len(text.splitlines()) < 150
    for stage in ("Editions", "Published forms", "Checks", "Matching", "Changes", "Errors"):
        assert f"\n    {stage}\n" in text


def test_help_of_a_class_shows_the_public_path() -> None:
    """``help(dutyledger.Edition)`` says ``in module dutyledger``."""
    text = pydoc.plain(pydoc.render_doc(dutyledger.Edition))
    assert "class Edition in module dutyledger\n" in text
    assert "dutyledger._" not in text


def test_edition_repr_is_short_and_useful() -> None:
    """An edition's repr names the township, date and status, and counts each list."""
    edition = dutyledger.builtin_edition("2025-01")
    assert "Edition(甘沟乡 2025-01 official: 127 基本, 96 配合, 57 收回)" == repr(edition)


def test_changeset_repr_names_the_editions_and_counts_kinds() -> None:
    """A change set's repr says which editions and how many changes of each kind."""
    changes = dutyledger.diff(dutyledger.builtin_edition(), dutyledger.load_edition(EXAMPLE))
    text = repr(changes)
    assert text.startswith("ChangeSet(2025-01 official → 2026-01 illustrative: ")
    assert f"{len(changes)} changes" in text
    assert "1 split" in text
    assert len(text) < 1000
    assert "ChangeSet(? → ?: 0 changes)" == repr(dutyledger.ChangeSet())
