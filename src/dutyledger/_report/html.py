"""HTML: one self-contained page that works offline.

Inline CSS and script only, nothing fetched. A summary, the indicators, a flow
diagram of items between the three lists (an SVG Sankey drawn here), changes per
category (an SVG bar chart), and the changes side by side (old | new) with the
changed characters marked, filterable by kind, list, category and department.
Every text is escaped.
"""

from __future__ import annotations

import json
from html import escape

import attrs

from dutyledger._report.model import Cell, Flow, Report, ReportRow

__all__ = ["RENDERER", "HtmlRenderer"]

_CSS = """
:root { --ins: #d7f5dd; --del: #fbd9d9; --line: #d0d7de; --muted: #57606a; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Micro Hei", sans-serif; margin: 0 auto; max-width: 1400px; padding: 1.5rem;
       color: #1f2328; line-height: 1.55; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); margin: 0 0 1rem; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #f6f8fa; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
ins { background: var(--ins); text-decoration: none; }
del { background: var(--del); }
.warn { color: var(--warn); font-weight: bold; }
.charts { display: flex; flex-wrap: wrap; gap: 2rem; }
.charts figure { margin: 0; }
figcaption { color: var(--muted); font-size: .9rem; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: .5rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
.changes td.side { width: 32%; }
.kind, .nowrap { white-space: nowrap; }
.hidden { display: none; }
#shown { color: var(--muted); }
"""

_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.change"));
  var selects = Array.prototype.slice.call(document.querySelectorAll(".filters select"));
  var shown = document.getElementById("shown");
  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var visible = selects.every(function (select) {
        if (!select.value) { return true; }
        var values = (row.getAttribute("data-" + select.name) || "").split("\\u001f");
        return values.indexOf(select.value) !== -1;
      });
      row.classList.toggle("hidden", !visible);
      if (visible) { count += 1; }
    });
    shown.textContent = shown.getAttribute("data-template").replace("{n}", String(count));
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  apply();
  document.body.setAttribute("data-ready", "1");
})();
"""

_SEP = "\u001f"  # separates several values in one data-* attribute


def _cell(cell: Cell) -> str:
    return cell.marked(escape, delete="<del>{}</del>", insert="<ins>{}</ins>")


def _attr(values: tuple[str, ...] | list[str]) -> str:
    return escape(_SEP.join(values), quote=True)


def _sankey(flows: tuple[Flow, ...], labels: dict[str, str]) -> str:
    """An SVG Sankey of items between the lists: old lists left, new lists right."""
    flows = tuple(f for f in flows if f.count > 0)
    if not flows:
        return ""
    width, height, node_w, gap = 640, 320, 14, 14
    # Flows come in the report's order (new, the three lists, removed); keep it on both sides.
    order = list(dict.fromkeys([f.source for f in flows] + [f.target for f in flows]))
    sources = sorted({f.source for f in flows}, key=order.index)
    targets = sorted({f.target for f in flows}, key=order.index)
    total = sum(f.count for f in flows)
    scale = (height - gap * (max(len(sources), len(targets)) + 1)) / max(total, 1)

    def layout(nodes: list[str], side: str) -> dict[str, list[float]]:
        y = float(gap)
        place: dict[str, list[float]] = {}
        for node in nodes:
            size = sum(f.count for f in flows if getattr(f, side) == node) * scale
            place[node] = [y, y]  # top, running offset
            y += size + gap
        return place

    left, right = layout(sources, "source"), layout(targets, "target")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(labels["flows"], quote=True)}">'
    ]
    x0, x1 = 150, width - 150
    for flow in flows:
        thickness = max(flow.count * scale, 1.0)
        y0 = left[flow.source][1] + thickness / 2
        y1 = right[flow.target][1] + thickness / 2
        left[flow.source][1] += thickness
        right[flow.target][1] += thickness
        mid = (x0 + x1) / 2
        colour = "#8c959f" if flow.source == flow.target else "#0969da"
        title = f"{flow.source} → {flow.target}: {flow.count}"
        parts.append(
            f'<path d="M{x0 + node_w},{y0:.1f} C{mid},{y0:.1f} {mid},{y1:.1f} {x1},{y1:.1f}" '
            f'stroke="{colour}" stroke-opacity="0.45" stroke-width="{thickness:.1f}" fill="none">'
            f"<title>{escape(title)}</title></path>"
        )
    for nodes, place, x, anchor, dx in (
        (sources, left, x0, "end", -6),
        (targets, right, x1, "start", node_w + 6),
    ):
        for node in nodes:
            top = place[node][0]
            size = place[node][1] - top
            parts.append(
                f'<rect x="{x}" y="{top:.1f}" width="{node_w}" height="{max(size, 1):.1f}" fill="#24292f"/>'
            )
            count = sum(
                f.count for f in flows if (f.source if nodes is sources else f.target) == node
            )
            parts.append(
                f'<text x="{x + dx}" y="{top + size / 2 + 5:.1f}" text-anchor="{anchor}" font-size="13">'
                f"{escape(node)} ({count})</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _bars(report: Report) -> str:
    """An SVG bar chart of changes per category."""
    categories = report.categories
    if not categories:
        return ""
    most = max(c.count for c in categories)
    row_h, label_w, bar_w = 22, 130, 300
    height = row_h * len(categories) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {label_w + bar_w + 50} {height}" '
        f'width="{label_w + bar_w + 50}" height="{height}" role="img" '
        f'aria-label="{escape(report.labels["per_category"], quote=True)}">'
    ]
    for index, category in enumerate(categories):
        y = 5 + index * row_h
        length = bar_w * category.count / most
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="13">{escape(category.category)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row_h - 6}" fill="#0969da"/>'
            f'<text x="{label_w + length + 4:.1f}" y="{y + 15}" font-size="12">{category.count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _options(name: str, label: str, values: list[tuple[str, str]], everything: str) -> str:
    options = [f'<option value="">{escape(everything)}</option>']
    options += [
        f'<option value="{escape(v, quote=True)}">{escape(text)}</option>' for v, text in values
    ]
    return f'<label>{escape(label)}<select name="{name}">{"".join(options)}</select></label>'


def _row(row: ReportRow) -> str:
    return (
        f'<tr class="change" data-kind="{escape(row.kind, quote=True)}" data-list="{_attr(row.list_keys)}" '
        f'data-category="{escape(row.category, quote=True)}" data-department="{_attr(row.departments)}">'
        f'<td class="kind">{escape(row.kind_label)}</td><td class="nowrap">{escape(row.lists)}</td>'
        f'<td class="num nowrap">{escape(row.numbers)}</td><td class="nowrap">{escape(row.category)}</td>'
        f'<td class="side">{_cell(row.old)}</td><td class="side">{_cell(row.new)}</td>'
        f"<td>{escape('、'.join(row.departments))}</td><td>{escape(row.note)}</td></tr>"
    )


@attrs.frozen
class HtmlRenderer:
    """One self-contained HTML page."""

    name: str = "html"
    suffix: str = ".html"
    binary: bool = False

    def render(self, report: Report) -> bytes:
        """Return the page, UTF-8."""
        labels = report.labels
        rows = report.rows()
        summary = "".join(
            f"<tr><td>{escape(s.label)}</td><td class='num'>{s.basic}</td><td class='num'>{s.cooperative}</td>"
            f"<td class='num'>{s.recalled}</td><td class='num'>{s.total}</td></tr>"
            for s in report.summary
        )
        indicators = "".join(
            f"<li{' class=warn' if i.warning else ''}>{escape(i.label)}：{escape(i.value)}</li>"
            for i in report.indicators
        )
        kinds = [(s.kind, s.label) for s in report.sections]
        lists = [(key, labels[key]) for key in ("basic", "cooperative", "recalled")]
        categories = sorted({r.category for r in rows})
        departments = sorted({d for r in rows for d in r.departments})
        filters = "".join(
            (
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
            for k in ("kind", "list", "number", "category", "old", "new", "departments", "note")
        )
        notices = "".join(f'<p class="notice">{escape(n)}</p>' for n in report.notices)
        template = escape(labels["shown"], quote=True)
        data = escape(json.dumps({"rows": len(rows)}), quote=True)
        page = f"""<!DOCTYPE html>
<html lang="{"zh-CN" if report.lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(report.title)}</title>
<style>{_CSS}</style>
</head>
<body data-report="{data}">
<h1>{escape(report.title)}</h1>
<p class="meta">{escape(report.township)} · {escape(report.old_date)} → {escape(report.new_date)}</p>
{notices}
<section id="summary">
<h2>{escape(labels["summary"])}</h2>
<p class="headline">{escape(report.headline)}</p>
<table class="summary"><thead><tr><th>{escape(labels["kind"])}</th><th>{escape(labels["basic"])}</th>
<th>{escape(labels["cooperative"])}</th><th>{escape(labels["recalled"])}</th><th>{escape(labels["total"])}</th></tr></thead>
<tbody>{summary}</tbody></table>
<ul class="indicators">{indicators}</ul>
</section>
<section id="charts" class="charts">
<figure>{_sankey(report.flows, labels)}<figcaption>{escape(labels["flows"])}</figcaption></figure>
<figure>{_bars(report)}<figcaption>{escape(labels["per_category"])}</figcaption></figure>
</section>
<section id="changes">
<h2>{escape(labels["changes"])}</h2>
<div class="filters">{filters}<span id="shown" data-template="{template}"></span></div>
<table class="changes"><thead><tr>{head}</tr></thead>
<tbody>{"".join(_row(r) for r in rows)}</tbody></table>
</section>
<script>{_SCRIPT}</script>
</body>
</html>
"""
        return page.encode("utf-8")


RENDERER = HtmlRenderer()
