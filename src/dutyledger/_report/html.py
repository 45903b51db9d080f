"""HTML: one self-contained page that works offline.

Inline CSS and script only, nothing fetched. The totals and counts, a flow
diagram of items between the three lists (an SVG Sankey drawn here), 事项 per
category (an SVG bar chart), one table row per 事项 with the changed characters
marked, a text search and filters by 调整类型, list, category and department,
then the questions for the reader and the appendix. It scales to a phone (the
table scrolls in its box) and prints on A4 landscape with the controls hidden
and the header row repeated. Every text is escaped.
"""

from __future__ import annotations

import json
from html import escape

import attrs

from dutyledger._changes.changeset import CLERICAL_KINDS
from dutyledger._report.model import Cell, Flow, Report, ReportRow

__all__ = ["RENDERER", "HtmlRenderer"]

_CSS = """
:root { --ins: #d7f5dd; --del: #fbd9d9; --line: #d0d7de; --muted: #57606a; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Micro Hei", sans-serif; margin: 0 auto; max-width: 1500px; padding: 1rem;
       color: #1f2328; line-height: 1.55; }
h1 { font-size: 1.45rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.02rem; margin: 1rem 0 .35rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; margin: .5rem 0; }
.scroll { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #f6f8fa; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ins { background: var(--ins); text-decoration: none; }
del { background: var(--del); }
.warn { color: var(--warn); font-weight: bold; }
.tables { display: flex; flex-wrap: wrap; column-gap: 2.5rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.charts figure { margin: 0; flex: 1 1 320px; max-width: 660px; }
.charts svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .9rem; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: .5rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
.filters input, .filters select { font: inherit; max-width: 16rem; }
table.changes { width: 100%; }
.changes td.c-number { white-space: nowrap; }
.changes td.c-list { min-width: 6.5em; }
.changes td.c-kind { min-width: 6em; }
.changes td.c-category { min-width: 5.5em; }
.changes td.c-name { min-width: 11em; }
.changes td.c-side { min-width: 16em; }
.changes td.c-departments { min-width: 9em; }
.changes td.c-note { min-width: 5em; }
.changes td.c-note.filled { min-width: 12em; }
.hidden { display: none; }
#shown { color: var(--muted); }
@media (max-width: 600px) {
  body { padding: .6rem; }
  h1 { font-size: 1.2rem; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .filters, .controls { display: none !important; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; }
  .charts figure { max-width: 48%; }
}
"""

_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.change"));
  var selects = Array.prototype.slice.call(document.querySelectorAll(".filters select"));
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  function apply() {
    var count = 0;
    var words = (search.value || "").trim().toLowerCase();
    rows.forEach(function (row) {
      var visible = selects.every(function (select) {
        if (!select.value) { return true; }
        var values = (row.getAttribute("data-" + select.name) || "").split("\\u001f");
        return values.indexOf(select.value) !== -1;
      });
      if (visible && words) {
        visible = row.textContent.toLowerCase().indexOf(words) !== -1;
      }
      row.classList.toggle("hidden", !visible);
      if (visible) { count += 1; }
    });
    var template = shown.getAttribute(count === 1 ? "data-one" : "data-many");
    shown.textContent = template.replace("{n}", String(count));
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  apply();
  document.body.setAttribute("data-ready", "1");
})();
"""

_SEP = "\u001f"  # separates several values in one data-* attribute


def _cell(cell: Cell) -> str:
    """A cell's lines, each on its own line, changed characters in <del> and <ins>."""
    return "<br>".join(
        line.marked(escape, delete="<del>{}</del>", insert="<ins>{}</ins>") for line in cell.lines()
    )


def _attr(values: tuple[str, ...] | list[str]) -> str:
    return escape(_SEP.join(values), quote=True)


def _sankey(flows: tuple[Flow, ...], labels: dict[str, str]) -> str:
    """An SVG Sankey of items between the lists: old lists left, new lists right.

    Each band has its own width at each end (a split leaves with one item and
    arrives with several), so a node's height is its list's items before (left)
    or after (right), and a split or merge is drawn once.
    """
    if not flows:
        return ""
    width, height, node_w, gap, pad = 640, 340, 14, 16, 150
    order = list(dict.fromkeys([f.source for f in flows] + [f.target for f in flows]))
    sources = sorted({f.source for f in flows}, key=order.index)
    targets = sorted({f.target for f in flows}, key=order.index)
    total = max(sum(f.before for f in flows), sum(f.after for f in flows), 1)
    scale = (height - gap * (max(len(sources), len(targets)) + 1)) / total
    minimum = 2.0

    def layout(nodes: list[str], end: str, side: str) -> dict[str, list[float]]:
        y = float(gap)
        place: dict[str, list[float]] = {}
        for node in nodes:
            size = sum(
                max(getattr(f, end) * scale, minimum) for f in flows if getattr(f, side) == node
            )
            place[node] = [y, y, size]  # top, running offset, height
            y += size + gap
        return place

    left, right = layout(sources, "before", "source"), layout(targets, "after", "target")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="xMidYMin meet" role="img" '
        f'aria-label="{escape(labels["flows"], quote=True)}">'
    ]
    x0, x1 = pad + node_w, width - pad
    colours = {"same": "#8c959f", "move": "#0969da", "split": "#8250df", "merge": "#8250df"}
    for flow in flows:
        a = max(flow.before * scale, minimum)
        b = max(flow.after * scale, minimum)
        top0, top1 = left[flow.source][1], right[flow.target][1]
        left[flow.source][1] += a
        right[flow.target][1] += b
        mid = (x0 + x1) / 2
        colour = colours.get(flow.kind, "#cf222e" if flow.kind == "removed" else "#1a7f37")
        title = f"{flow.source} ({flow.before}){labels['arrow']}{flow.target} ({flow.after})"
        parts.append(
            f'<path d="M{x0},{top0:.1f} C{mid},{top0:.1f} {mid},{top1:.1f} {x1},{top1:.1f} '
            f"L{x1},{top1 + b:.1f} C{mid},{top1 + b:.1f} {mid},{top0 + a:.1f} {x0},{top0 + a:.1f} Z"
            f'" fill="{colour}" fill-opacity="0.4"><title>{escape(title)}</title></path>'
        )
    for nodes, place, x, anchor, dx, end, side in (
        (sources, left, pad, "end", -6, "before", "source"),
        (targets, right, x1, "start", node_w + 6, "after", "target"),
    ):
        for node in nodes:
            top, _, size = place[node]
            # New items have no size on the left, removed ones none on the right: count the other end.
            outer = node in (labels["flow_new"], labels["flow_gone"])
            count = sum(
                getattr(f, ("after" if end == "before" else "before") if outer else end)
                for f in flows
                if getattr(f, side) == node
            )
            parts.append(
                f'<rect x="{x}" y="{top:.1f}" width="{node_w}" height="{size:.1f}" fill="#24292f"/>'
                f'<text x="{x + dx}" y="{top + size / 2 + 5:.1f}" text-anchor="{anchor}" '
                f'font-size="14">{escape(node)} ({count})</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _bars(report: Report) -> str:
    """An SVG bar chart of 事项 adjusted per category."""
    categories = report.categories
    if not categories:
        return ""
    most = max(c.count for c in categories)
    row_h, label_w, bar_w = 22, 130, 300
    height = row_h * len(categories) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_w + bar_w + 50} {height}" '
        f'role="img" aria-label="{escape(report.labels["per_category"], quote=True)}">'
    ]
    for index, category in enumerate(categories):
        y = 5 + index * row_h
        length = bar_w * category.count / most
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="13">'
            f"{escape(category.category)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row_h - 6}" fill="#0969da"/>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + 15}" font-size="12">{category.count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _options(name: str, label: str, values: list[tuple[str, str]], everything: str) -> str:
    options = [f'<option value="">{escape(everything)}</option>']
    options += [
        f'<option value="{escape(v, quote=True)}">{escape(text)}</option>'
        for v, text in values
        if v and text
    ]
    return f'<label>{escape(label)}<select name="{name}">{"".join(options)}</select></label>'


def _note_cell(text: str) -> str:
    """调整理由, 调整依据 or 备注: wider once notes fill it."""
    return f'<td class="c-note{" filled" if text else ""}">{escape(text)}</td>'


def _row(row: ReportRow) -> str:
    name = escape(row.name)
    return (
        f'<tr class="change" id="row-{row.number}" data-key="{escape(row.key, quote=True)}" '
        f'data-kind="{escape(row.kind, quote=True)}" data-list="{_attr(row.list_keys)}" '
        f'data-category="{escape(row.category, quote=True)}" data-department="{_attr(row.departments)}">'
        f'<td class="num c-number">{row.number}</td>'
        f'<td class="c-list">{_cell(Cell.plain(row.lists))}</td>'
        f'<td class="c-category">{escape(row.category)}</td>'
        f'<td class="c-name">{name}</td>'
        f'<td class="c-kind">{escape(row.kind_label)}</td>'
        f'<td class="c-side">{_cell(row.old)}</td><td class="c-side">{_cell(row.new)}</td>'
        f'<td class="c-departments">{"<br>".join(escape(d) for d in row.departments)}</td>'
        + "".join(_note_cell(text) for text in (row.reason, row.basis, row.remark))
        + "</tr>"
    )


def _table(header: list[str], body: list[list[str]], numeric: frozenset[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(r)
        )
        + "</tr>"
        for r in body
    )
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


@attrs.frozen
class HtmlRenderer:
    """One self-contained HTML page."""

    name: str = "html"
    suffix: str = ".html"
    binary: bool = False

    def render(self, report: Report) -> bytes:
        """Return the page, UTF-8."""
        labels = report.labels
        rows = report.rows
        # The page is the comparison table with its summary: 调整对照表, like the Excel file.
        title = labels["table_title"].format(township=report.township)
        totals = _table(
            [labels["list_name"], labels["before_total"], labels["after_total"], labels["net"]],
            [[escape(t.label), str(t.before), str(t.after), f"{t.net:+d}"] for t in report.totals],
            frozenset({1, 2, 3}),
        )
        summary = _table(
            [
                labels["kind"],
                labels["basic"],
                labels["cooperative"],
                labels["recalled"],
                labels["total"],
            ],
            [
                [escape(s.label), str(s.basic), str(s.cooperative), str(s.recalled), str(s.total)]
                for s in report.summary
            ],
            frozenset({1, 2, 3, 4}),
        )
        if report.indicators:
            attention = "".join(
                f'<li class="warn">{escape(i.label)}{escape(labels["colon"])}{escape(i.value)}</li>'
                for i in report.indicators
            )
            attention = f"<ul>{attention}</ul>"
        else:
            attention = f"<p>{escape(labels['attention_none'])}</p>"
        kinds = [(s.kind, s.label) for s in report.summary]
        lists = [(key, labels[key]) for key in ("basic", "cooperative", "recalled")]
        categories = sorted({r.category for r in rows if r.category})
        departments = sorted({d for r in rows for d in r.departments if d})
        filters = "".join(
            (
                f'<label>{escape(labels["search"])}<input id="search" type="search" '
                f'placeholder="{escape(labels["search_hint"], quote=True)}"></label>',
                _options("kind", labels["kind"], kinds, labels["all"]),
                _options("list", labels["list"], lists, labels["all"]),
                _options(
                    "category", labels["category"], [(c, c) for c in categories], labels["all"]
                ),
                _options(
                    "department",
                    labels["departments"],
                    [(d, d) for d in departments],
                    labels["all"],
                ),
            )
        )
        head = "".join(
            f"<th>{escape(labels[k])}</th>"
            for k in (
                "number",
                "list",
                "category",
                "name",
                "kind",
                "old",
                "new",
                "departments",
                "reason",
                "basis",
                "remark",
            )
        )
        appendix = ""
        if report.appendix:
            appendix = (
                f'<section id="appendix"><h2>{escape(labels["appendix"])}</h2>'
                + _table(
                    [labels["topic"], labels["field"], labels["old"], labels["new"]],
                    [
                        [escape(e.topic), escape(e.label), _cell(e.old), _cell(e.new)]
                        for e in report.appendix
                    ],
                )
                + "</section>"
            )
        form_only = [r for r in report.records if r.kind in CLERICAL_KINDS]
        if form_only:
            appendix += (
                f'<section id="form-only"><h2>{escape(labels["form_only"])}</h2>'
                + _table(
                    [labels["kind"], labels["list"], labels["name"], labels["old"], labels["new"]],
                    [
                        [
                            escape(r.kind_label),
                            escape(f"{r.lists} {r.numbers}"),
                            escape(r.name),
                            _cell(r.old),
                            _cell(r.new),
                        ]
                        for r in form_only
                    ],
                )
                + "</section>"
            )
        notices = "".join(f'<p class="notice">{escape(n)}</p>' for n in report.notices)
        one = escape(labels["shown_one"], quote=True)
        many = escape(labels["shown"], quote=True)
        data = escape(json.dumps({"rows": len(rows)}), quote=True)
        page = f"""<!DOCTYPE html>
<html lang="{"zh-CN" if report.lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body data-report="{data}">
<h1>{escape(title)}</h1>
<p class="meta">{escape(report.old_date)}{escape(labels["arrow"])}{escape(report.new_date)}</p>
{notices}
<section id="overview">
<h2>{escape(labels["overview"])}</h2>
<p class="headline">{escape(report.headline)}</p>
<div class="tables">
<div><h3>{escape(labels["totals"])}</h3>
{totals}</div>
<div><h3>{escape(labels["summary"])}</h3>
{summary}</div>
</div>
<div class="charts">
<figure>{_sankey(report.flows, labels)}<figcaption>{escape(labels["flows"])}</figcaption></figure>
<figure>{_bars(report)}<figcaption>{escape(labels["per_category"])}</figcaption></figure>
</div>
</section>
<section id="changes">
<h2>{escape(labels["adjusted"])}</h2>
<div class="filters controls">{filters}<span id="shown" data-one="{one}" data-many="{many}"></span></div>
<div class="scroll"><table class="changes"><thead><tr>{head}</tr></thead>
<tbody>{"".join(_row(r) for r in rows)}</tbody></table></div>
</section>
<section id="attention">
<h2>{escape(labels["attention"])}</h2>
{attention}
</section>
{appendix}
<script>{_SCRIPT}</script>
</body>
</html>
"""
        return page.encode("utf-8")


RENDERER = HtmlRenderer()
