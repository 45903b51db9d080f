"""The staff web page in process (Starlette's TestClient): every page and every error path."""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

import dutyledger
from dutyledger import cli
from dutyledger._serve import views
from dutyledger._serve.app import create_app
from dutyledger._serve.command import is_loopback

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "editions" / "2025-01.json"
NEW = ROOT / "examples" / "2026-01-illustrative.json"
SOURCE = ROOT / "editions" / "sources" / "2025-01.txt"
PAIR = "old=2025-01&new=2026-01-illustrative"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    folder = tmp_path / "editions"
    folder.mkdir()
    shutil.copy(OLD, folder)
    shutil.copy(NEW, folder)
    return folder


@pytest.fixture
def client(ledger: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ledger), raise_server_exceptions=False) as test_client:
        yield test_client


def csrf_of(client: TestClient) -> str:
    client.get("/")
    token = client.cookies.get("dutyledger_csrf")
    assert token
    return token


def test_editions_page_lists_each_edition_with_its_counts(client: TestClient) -> None:
    """The front page shows each edition's date, status and items per list."""
    page = client.get("/")
    assert 200 == page.status_code
    assert "清单版本" in page.text
    row = re.search(r"<tr>\s*<td><a href=\"/editions/2025-01\">.*?</tr>", page.text, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    assert ["127", "96", "57", "280"] == [c.strip() for c in cells[-4:]]
    assert "正式" in row.group(0)
    assert "示例（非正式）" in page.text


def test_english_switch_translates_the_page_and_sticks(client: TestClient) -> None:
    """``?lang=en`` gives the English page and sets a cookie for the next pages."""
    page = client.get("/?lang=en")
    assert "Editions" in page.text
    assert '<html lang="en">' in page.text
    assert "Compare two editions" in client.get("/").text


def test_edition_page_searches_and_filters(client: TestClient) -> None:
    """Search keeps the items whose texts contain the words; the count says 事项 shown."""
    page = client.get("/editions/2025-01", params={"q": "人社局"})
    assert 200 == page.status_code
    shown = re.search(r"显示 (\d+) / 280 项事项", page.text)
    assert shown is not None
    assert 0 < int(shown.group(1)) < 280
    edition = dutyledger.load_edition(OLD)
    category = edition.basic[0].category
    filtered = client.get("/editions/2025-01", params={"category": category}).text
    expected = sum(1 for item in edition.items() if item.category == category)
    assert f"显示 {expected} / 280 项事项" in filtered


def test_edition_page_marks_starred_items(client: TestClient) -> None:
    """★ items carry the mark before the name."""
    edition = dutyledger.load_edition(OLD)
    starred = next(item for item in edition.items() if item.starred)
    page = client.get("/editions/2025-01").text
    assert f'<span class="star" title="★">★</span>{starred.name}' in page


def test_compare_page_counts_and_warns(client: TestClient) -> None:
    """The compare page gives the totals before and after per list and the 明减暗增 warning."""
    page = client.get(f"/compare?{PAIR}")
    assert 200 == page.status_code
    assert re.search(
        r"基本履职事项</th><td class=\"num\">127</td><td class=\"num\">126</td>", page.text
    )
    assert "明减暗增" in page.text
    assert 'src="/compare/report?' in page.text


def test_report_frame_is_the_html_report(client: TestClient) -> None:
    """The report shown in the page is the HTML report of ``dutyledger diff``."""
    page = client.get(f"/compare/report?{PAIR}")
    assert 200 == page.status_code
    assert page.headers["content-type"].startswith("text/html")
    assert "调整对照表" in page.text


@pytest.mark.parametrize(
    ("fmt", "magic"), [("docx", b"PK"), ("xlsx", b"PK"), ("json", b"{")], ids=str
)
def test_downloads_are_the_report_files(client: TestClient, fmt: str, magic: bytes) -> None:
    """Word, Excel and the JSON change set download with a Chinese file name."""
    response = client.get(f"/compare/download/{fmt}?{PAIR}")
    assert 200 == response.status_code
    assert response.content.startswith(magic)
    assert "attachment; filename*=UTF-8''" in response.headers["content-disposition"]
    if fmt == "json":
        changes = dutyledger.load_changeset(response.content)
        expected = dutyledger.diff(dutyledger.load_edition(OLD), dutyledger.load_edition(NEW))
        assert expected == changes


def test_unknown_download_format_is_404(client: TestClient) -> None:
    """Only the listed formats download."""
    assert 404 == client.get(f"/compare/download/exe?{PAIR}").status_code


def test_compare_without_editions_says_so(client: TestClient) -> None:
    """A compare link without both editions is a 400 with a message, not a crash."""
    page = client.get("/compare?old=2025-01")
    assert 400 == page.status_code
    assert "请选择两个版本" in page.text


def test_unknown_edition_lists_the_known_ones(client: TestClient) -> None:
    """An unknown edition name is a 400 page naming the editions the folder holds."""
    page = client.get("/editions/2024-06")
    assert 400 == page.status_code
    assert "2024-06" in page.text
    assert "2025-01" in page.text
    assert "Traceback" not in page.text


@pytest.mark.parametrize(
    "path",
    ["/editions/..%2F..%2Fetc%2Fpasswd", "/editions/%2Fetc%2Fpasswd", "/compare?old=../x&new=y"],
)
def test_no_path_outside_the_ledger_is_reached(client: TestClient, path: str) -> None:
    """Names are looked up in the folder's listing, never joined into a path."""
    page = client.get(path)
    assert page.status_code in {400, 404}
    assert "root:" not in page.text


def _upload(client: TestClient, data: bytes, name: str, **form: str) -> object:
    fields = {"csrf": csrf_of(client), "base": "2025-01", **form}
    return client.post(
        "/upload", data=fields, files={"file": (name, io.BytesIO(data))}, follow_redirects=False
    )


def test_upload_of_a_published_list_compares_and_saves_as_draft(
    client: TestClient, ledger: Path
) -> None:
    """An uploaded list is ingested against the chosen edition, compared, and saved on request."""
    text = SOURCE.read_text(encoding="utf-8").replace("2025年1月", "2026年3月")
    response = _upload(client, text.encode("utf-8"), "清单.txt")
    assert 303 == response.status_code  # type: ignore[attr-defined]
    location = response.headers["location"]  # type: ignore[attr-defined]
    assert location.startswith("/compare?old=2025-01&new=upload-")
    page = client.get(location).text
    name = re.search(r'name="name" value="(upload-[0-9a-f]+)"', page)
    assert name is not None
    saved = client.post(
        "/drafts", data={"csrf": csrf_of(client), "name": name.group(1)}, follow_redirects=False
    )
    assert 303 == saved.status_code
    assert "/editions/2026-03-draft" == saved.headers["location"]
    draft = dutyledger.load_edition(ledger / "2026-03-draft.json")
    assert dutyledger.EditionStatus.DRAFT == draft.meta.status
    assert "2026-03" == draft.meta.date
    original = dutyledger.load_edition(OLD)
    # Same text, so every item keeps its id from the edition it was compared with.
    assert [i.id for i in original.items()] == [i.id for i in draft.items()]


def test_saving_never_replaces_an_existing_file(client: TestClient, ledger: Path) -> None:
    """A second draft of the same date gets its own file."""
    text = SOURCE.read_text(encoding="utf-8").replace("2025年1月", "2026年3月").encode("utf-8")
    names = []
    for _ in range(2):
        page = client.get(_upload(client, text, "a.txt").headers["location"]).text  # type: ignore[attr-defined]
        found = re.search(r'name="name" value="(upload-[0-9a-f]+)"', page)
        assert found is not None
        client.post("/drafts", data={"csrf": csrf_of(client), "name": found.group(1)})
        names.append(found.group(1))
    assert {"2026-03-draft.json", "2026-03-draft-2.json"} <= {p.name for p in ledger.iterdir()}


def test_an_edition_file_can_be_uploaded(client: TestClient) -> None:
    """A ``.json`` edition is taken as it is."""
    response = _upload(client, NEW.read_bytes(), "2026-01.json")
    assert 303 == response.status_code  # type: ignore[attr-defined]
    page = client.get(response.headers["location"]).text  # type: ignore[attr-defined]
    assert "明减暗增" in page


def test_a_bad_upload_names_its_line(client: TestClient) -> None:
    """A list that does not ingest is refused with the ingest error, shown on the page."""
    response = _upload(client, b"not a duty list\n", "bad.txt")
    assert 400 == response.status_code  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "bad.txt" in text
    assert "Traceback" not in text


def test_a_bad_date_is_refused(client: TestClient) -> None:
    """The date field takes YYYY-MM or YYYY-MM-DD only."""
    response = _upload(client, b"x", "a.txt", date="2026/01")
    assert 400 == response.status_code  # type: ignore[attr-defined]
    assert "YYYY-MM" in response.text  # type: ignore[attr-defined]


def test_writes_need_the_csrf_token(client: TestClient, ledger: Path) -> None:
    """A form posted without the page's token (another site's form) is refused, nothing written."""
    before = sorted(p.name for p in ledger.iterdir())
    forged = client.post(
        "/upload",
        data={"csrf": "forged", "base": "2025-01"},
        files={"file": ("a.txt", io.BytesIO(b"x"))},
    )
    assert 403 == forged.status_code
    assert 403 == client.post("/drafts", data={"name": "upload-00000000"}).status_code
    assert before == sorted(p.name for p in ledger.iterdir())


def test_uploads_over_the_limit_are_refused(ledger: Path) -> None:
    """The upload limit is enforced as the body arrives: 413 with the limit named."""
    with TestClient(create_app(ledger, upload_limit=1024)) as small:
        token = csrf_of(small)
        response = small.post(
            "/upload",
            data={"csrf": token, "base": "2025-01"},
            files={"file": ("big.txt", io.BytesIO(b"x" * 5000))},
        )
    assert 413 == response.status_code
    assert "0.0009765625 MB" in response.text or "MB" in response.text


def test_check_page_lists_findings_with_their_location(client: TestClient) -> None:
    """The check page shows each finding with its rule, list, 序号 and JSON path."""
    page = client.get("/check?edition=2025-01").text
    findings = dutyledger.check(dutyledger.load_edition(OLD))
    assert len(findings) == page.count("<tr class=")
    first = findings[0]
    assert first.code in page
    assert first.message_zh in page


def test_check_of_an_uploaded_file(client: TestClient) -> None:
    """An uploaded edition file is checked and its findings shown; bad JSON is named."""
    page = client.post(
        "/check",
        data={"csrf": csrf_of(client)},
        files={"file": ("e.json", io.BytesIO(OLD.read_bytes()))},
    )
    assert 200 == page.status_code
    assert "检查结果" in page.text
    broken = client.post(
        "/check",
        data={"csrf": csrf_of(client), "base": ""},
        files={"file": ("e.json", io.BytesIO(b'{"format": 1'))},
    )
    assert 400 == broken.status_code
    assert "Traceback" not in broken.text


def test_every_text_is_escaped(ledger: Path) -> None:
    """An item name with markup shows as text on every page."""
    edition = dutyledger.load_edition(OLD)
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    item = attrs.evolve(edition.basic[0], name=hostile)
    changed = attrs.evolve(edition, basic=(item, *edition.basic[1:]))
    (ledger / "2026-02.json").write_text(dutyledger.dump_edition(changed), encoding="utf-8")
    with TestClient(create_app(ledger)) as client:
        for path in ("/editions/2026-02", "/compare?old=2025-01&new=2026-02", "/"):
            page = client.get(path).text
            assert "<script>alert" not in page
            assert "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/editions/2026-02").text


def test_internal_errors_show_no_trace(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected error is a 500 page with a plain message, never a stack trace."""

    def boom(*args: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(views, "compare_view", boom)
    page = client.get(f"/compare?{PAIR}")
    assert 500 == page.status_code
    assert "内部错误" in page.text
    assert "secret detail" not in page.text
    assert "Traceback" not in page.text


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    """Scripts and styles come only from the app itself: the page works offline."""
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert 200 == client.get("/static/style.css").status_code
    assert 200 == client.get("/static/app.js").status_code


def test_a_token_guards_every_request(ledger: Path) -> None:
    """With a token, a request without it is 401; the printed link sets a cookie."""
    with TestClient(create_app(ledger, token="s3cret")) as client:
        assert 401 == client.get("/").status_code
        assert 401 == client.get("/static/style.css").status_code
        assert 401 == client.get("/?token=wrong").status_code
        assert 200 == client.get("/?token=s3cret").status_code
        assert 200 == client.get("/editions/2025-01").status_code  # the cookie now
    with TestClient(create_app(ledger, token="s3cret")) as other:
        assert 200 == other.get("/", headers={"Authorization": "Bearer s3cret"}).status_code


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, expected: bool) -> None:
    """Only loopback addresses count as this machine."""
    assert expected == is_loopback(host)


def test_serve_refuses_another_host_without_a_token(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``serve --host 0.0.0.0`` without ``--token`` exits 2 with one message."""
    assert 2 == cli.main(["serve", "--ledger", str(ledger), "--host", "0.0.0.0"])
    err = capsys.readouterr().err
    assert "--token" in err
    assert "Traceback" not in err


def test_serve_refuses_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ledger folder that does not exist is named, exit 2."""
    assert 2 == cli.main(["serve", "--ledger", str(tmp_path / "nope")])
    assert "nope: not a folder" in capsys.readouterr().err


def test_serve_without_the_web_extra_names_it(
    ledger: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the ``web`` extra, serve says which extra to install, exit 2, and serves nothing."""
    # None in sys.modules makes ``import uvicorn`` fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert 2 == cli.main(["serve", "--ledger", str(ledger)])
    err = capsys.readouterr().err
    assert 'pip install "dutyledger[web]"' in err
    assert "Traceback" not in err


def test_history_finds_an_item_by_its_nearest_name(client: TestClient) -> None:
    """Part of a name finds the item; its history lists each edition's event."""
    changes = dutyledger.diff(dutyledger.load_edition(OLD), dutyledger.load_edition(NEW))
    renamed = next(c for c in changes if isinstance(c, dutyledger.Renamed))
    page = client.get("/history", params={"item": renamed.new.id})
    assert 200 == page.status_code
    events = re.search(r'<table class="grid" id="events">.*?</table>', page.text, re.S)
    assert events is not None
    assert 2 == events.group(0).count("<tr>") - 1  # 列入 in 2025-01, 名称调整 in 2026-01
    assert "名称调整" in events.group(0)
    assert renamed.new.name in events.group(0)


def test_history_lists_candidates_when_ambiguous(client: TestClient) -> None:
    """A query that fits several items lists them as links, each to its own history."""
    page = client.get("/history", params={"item": "工作"})
    assert 200 == page.status_code
    assert 'id="candidates"' in page.text
    assert page.text.count('<li><a href="/history?item=') > 1


def test_timeline_is_an_offline_chart(client: TestClient) -> None:
    """The timeline is one page with an inline SVG chart and no outside resources."""
    page = client.get("/timeline")
    assert 200 == page.status_code
    assert "<svg" in page.text
    assert "http://" not in page.text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page.text


def _note_form(page: str) -> tuple[str, str]:
    found = re.search(
        r'name="key" value="([^"]+)"><input type="hidden" name="kind" value="([^"]+)"', page
    )
    assert found is not None
    return found.group(1), found.group(2)


def test_a_note_is_saved_beside_the_editions_and_goes_into_the_reports(
    client: TestClient, ledger: Path
) -> None:
    """Reason and basis entered on the page are kept, escaped, and carried by Word and Excel."""
    page = client.get(f"/compare?{PAIR}").text
    rows = page.count('class="note-form"')
    assert (
        len(
            dutyledger.adjustments(
                dutyledger.diff(dutyledger.load_edition(OLD), dutyledger.load_edition(NEW))
            )
        )
        == rows
    )
    missing = page.count('class="missing"')
    key, kind = _note_form(page)
    saved = client.post(
        "/notes",
        data={
            "csrf": csrf_of(client),
            "old": "2025-01",
            "new": "2026-01-illustrative",
            "key": key,
            "kind": kind,
            "reason": "按<b>上级</b>要求调整",
            "basis": "乌编办发〔2025〕12号\n《中华人民共和国土地管理法》第六十七条",
            "proposer": "甘沟乡人民政府",
            "remarks": "=1+1",
        },
        follow_redirects=False,
    )
    assert 303 == saved.status_code
    notes = dutyledger.load_notes(ledger / "2025-01__2026-01-illustrative.notes.json")
    [note] = notes.notes
    assert (key, "按<b>上级</b>要求调整") == (note.key, note.reason)
    assert ("乌编办发〔2025〕12号", "《中华人民共和国土地管理法》第六十七条") == note.basis
    again = client.get(f"/compare?{PAIR}").text
    assert "按&lt;b&gt;上级&lt;/b&gt;要求调整" in again
    assert "<b>上级</b>" not in again
    if kind in {"增加", "取消", "上收", "下放", "基本转配合", "配合转基本", "合并", "分设"}:
        assert missing - 1 == again.count('class="missing"')
    import zipfile

    word = client.get(f"/compare/download/docx?{PAIR}").content
    assert (
        "按&lt;b&gt;上级&lt;/b&gt;要求调整"
        in zipfile.ZipFile(io.BytesIO(word)).read("word/document.xml").decode()
    )
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(f"/compare/download/xlsx?{PAIR}").content))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "按<b>上级</b>要求调整" in [c.value for c in cells]
    remark = next(c for c in cells if c.value == "=1+1")
    assert "f" != remark.data_type  # text, never a formula


def test_clearing_a_note_removes_it(client: TestClient, ledger: Path) -> None:
    """A note saved empty leaves the notes file, never as an empty row."""
    key, kind = _note_form(client.get(f"/compare?{PAIR}").text)
    form = {"old": "2025-01", "new": "2026-01-illustrative", "key": key, "kind": kind}
    client.post("/notes", data={"csrf": csrf_of(client), **form, "reason": "理由"})
    client.post("/notes", data={"csrf": csrf_of(client), **form, "reason": ""})
    notes = dutyledger.load_notes(ledger / "2025-01__2026-01-illustrative.notes.json")
    assert () == notes.notes


def test_a_note_for_no_adjustment_is_refused(client: TestClient, ledger: Path) -> None:
    """A key that is not an adjustment of the pair is a 400 naming it; nothing written."""
    page = client.post(
        "/notes",
        data={
            "csrf": csrf_of(client),
            "old": "2025-01",
            "new": "2026-01-illustrative",
            "key": "no-such-item",
            "kind": "增加",
            "reason": "x",
        },
    )
    assert 400 == page.status_code
    assert "no-such-item" in page.text
    assert not list(ledger.glob("*.notes.json"))


def test_notes_need_the_csrf_token(client: TestClient, ledger: Path) -> None:
    """A forged notes form is refused and writes nothing."""
    key, kind = _note_form(client.get(f"/compare?{PAIR}").text)
    forged = client.post(
        "/notes",
        data={"old": "2025-01", "new": "2026-01-illustrative", "key": key, "kind": kind},
    )
    assert 403 == forged.status_code
    assert not list(ledger.glob("*.notes.json"))
