"""The documentation site: every public name in the reference, runnable quickstarts, a strict build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import dutyledger
from conftest import ROOT

DOCS = ROOT / "docs"


def test_every_public_name_is_in_the_reference() -> None:
    """docs/reference.md renders each name of dutyledger.__all__ from its docstring."""
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    listed = re.findall(r"^::: dutyledger\.(\w+)$", reference, flags=re.MULTILINE)
    assert sorted(set(dutyledger.__all__) - {"__version__"}) == sorted(listed)
    assert "__version__" in reference


def test_every_page_is_in_the_navigation() -> None:
    """Each page of docs/ is reachable from mkdocs.yml's nav, and each nav entry is a page."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    in_nav = set(re.findall(r":\s+([\w/.-]+\.md)$", config, flags=re.MULTILINE))
    assert pages == in_nav


def python_blocks(page: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_every_link_between_pages_resolves() -> None:
    """A link from one page to another (``[text](sources.md#anchor)``) names a page that exists."""
    broken = []
    for page in [*DOCS.rglob("*.md"), ROOT / "README.md", ROOT / "CHANGELOG.md"]:
        for target in re.findall(r"\]\(([^)\s:]+?\.md)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if not (page.parent / target).is_file():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert [] == broken


def test_the_developer_quickstart_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The developer quickstart's code runs as written, from the project root."""
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for block in python_blocks("quickstart-developer.md"):
        exec(compile(block, "quickstart-developer.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "127 96 57" in out
    assert "file cannot read: No such file" in out  # the error example, on a missing file


@pytest.mark.slow
def test_the_site_builds_strictly(tmp_path: Path) -> None:
    """`mkdocs build --strict`: no broken link, no missing page, every reference resolves."""
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    result = subprocess.run(
        # Not -q: it hides the warnings, and --strict then has none to abort on.
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "", "HOME": str(tmp_path)},
    )
    problems = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
    assert (0, []) == (result.returncode, problems)
    reference = (tmp_path / "site" / "reference" / "index.html").read_text(encoding="utf-8")
    for name in ("Edition", "render_report", "format_findings", "DutyLedgerError"):
        assert f'id="dutyledger.{name}"' in reference


def test_readme_starts_with_the_two_commands_then_pip_install() -> None:
    """README: the set-up commands first (the project's rule), then what it is and pip install."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
    first = [line.split("#")[0].strip() for line in blocks[0].splitlines()]
    assert ["python3 dev.py main", "python3 dev.py test"] == first
    assert readme.index("```sh") == readme.index("# dutyledger\n") + len("# dutyledger\n\n")
    assert blocks[1].startswith("pip install dutyledger ")
    assert readme.index("is a typed Python library") < readme.index(blocks[1])
