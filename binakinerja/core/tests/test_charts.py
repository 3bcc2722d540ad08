"""The inline SVG charts: well-formed, accessible, escaped, and drawing what they are given."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from django.utils.safestring import SafeString

from binakinerja.core.charts import bar_chart_svg, line_chart_svg

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output; raises on unescaped '<' or '&'


def test_bar_chart_draws_one_bar_per_value_and_a_dash_for_none():
    svg = bar_chart_svg(
        [("U1 Persyaratan", 3.5), ("U2 Prosedur", None), ("U3 Waktu", 1.0)],
        min_value=1, max_value=4, title="NRR", value_format="{:.3f}",
    )  # fmt: skip
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 ")
    assert root.find(f"{NS}title").text == "NRR"
    assert "U2 Prosedur: –" in root.find(f"{NS}desc").text
    bars = root.findall(f".//{NS}rect")
    assert len(bars) == 2
    assert float(bars[0].get("width")) > float(bars[1].get("width")) == 0.0
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "3,500" in texts and "–" in texts  # the site language is Bahasa Indonesia
    assert root.find(f".//{NS}line[@class='target']") is None


def test_bar_chart_target_line_is_dashed_and_placed_on_the_scale():
    svg = bar_chart_svg([("A", 50.0), ("B", 100.0)], max_value=100, title="T", target=50)
    root = parse(svg)
    target = root.find(f".//{NS}line[@class='target']")
    assert target is not None and target.get("stroke-dasharray")
    bar_a = root.findall(f".//{NS}rect")[0]
    assert float(target.get("x1")) == pytest.approx(
        float(bar_a.get("x")) + float(bar_a.get("width")), abs=0.2
    )


def test_bar_chart_escapes_labels_and_title():
    svg = bar_chart_svg([('<script>alert("x")</script> & co', 2.0)], max_value=4, title="A < B & C")
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{NS}title").text == "A < B & C"
    assert any("<script>" in (t.text or "") for t in root.iter(f"{NS}title"))


def test_bar_chart_clamps_and_shortens():
    long = "Penanganan pengaduan, saran, dan masukan yang sangat panjang sekali"
    root = parse(bar_chart_svg([(long, 9.0), ("x", -3.0)], max_value=4, title="T"))
    rects = root.findall(f".//{NS}rect")
    assert float(rects[1].get("width")) == 0.0  # below the scale: no negative width
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert any(label.endswith("…") for label in labels)
    assert any(t.text.startswith(long) for t in root.iter(f"{NS}title") if t.text)


def test_bar_chart_refuses_an_empty_scale():
    with pytest.raises(ValueError):
        bar_chart_svg([("a", 1.0)], max_value=1, min_value=1, title="T")


def test_values_use_the_languages_decimal_separator():
    with translation.override("id"):
        svg = bar_chart_svg([("a", 3.25)], max_value=4, title="T")
    assert ">3,25<" in svg
    with translation.override("en"):
        svg = bar_chart_svg([("a", 3.25)], max_value=4, title="T")
    assert ">3.25<" in svg


def test_line_chart_breaks_the_line_at_gaps():
    svg = line_chart_svg(
        ["2021", "2022", "2023", "2024", "2025"],
        [("IKM", [80.0, 82.5, None, 85.0, 90.0])],
        min_value=25, max_value=100, title="Tren IKM",
    )  # fmt: skip
    root = parse(svg)
    polylines = root.findall(f".//{NS}polyline")
    assert [len(p.get("points").split()) for p in polylines] == [2, 2]
    assert len(root.findall(f".//{NS}circle")) == 4
    assert root.find(f"{NS}desc").text.count("–") == 1
    # higher value, higher point (smaller y)
    ys = [float(c.get("cy")) for c in root.findall(f".//{NS}circle")]
    assert ys == sorted(ys, reverse=True)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "2021" in texts and "2025" in texts and "100" in texts and "25" in texts
    assert not any(r.get("width") == "12" for r in root.findall(f".//{NS}rect"))  # no legend


def test_line_chart_legend_for_several_series_and_escaping():
    svg = line_chart_svg(
        ["a", "b"], [("<U1>", [1.0, 2.0]), ("U2 & U3", [None, 3.0])],
        min_value=1, max_value=4, title="T",
    )  # fmt: skip
    root = parse(svg)
    legend = [t.text for t in root.iter(f"{NS}text") if t.text in {"<U1>", "U2 & U3"}]
    assert legend == ["<U1>", "U2 & U3"]
    assert len(root.findall(f".//{NS}polyline")) == 1  # a single point draws no line
    assert "<U1>" not in svg


def test_line_chart_single_point_and_bad_input():
    root = parse(line_chart_svg(["2025"], [("IKM", [88.0])], min_value=25, max_value=100,
                                title="T"))  # fmt: skip
    assert len(root.findall(f".//{NS}circle")) == 1
    with pytest.raises(ValueError):
        line_chart_svg(["a", "b"], [("s", [1.0])], min_value=0, max_value=1, title="T")
    with pytest.raises(ValueError):
        line_chart_svg(["a"], [("s", [1.0])], min_value=1, max_value=1, title="T")


def test_ids_are_unique_per_chart():
    a = bar_chart_svg([("a", 1.0)], max_value=4, title="T")
    b = bar_chart_svg([("a", 1.0)], max_value=4, title="T")
    assert re.search(r'id="(chart-t\d+)"', a).group(1) != re.search(r'id="(chart-t\d+)"', b).group(
        1
    )


def test_line_chart_thins_crowded_x_labels_but_keeps_first_and_last():
    labels = [f"Triwulan {q} {y}" for y in range(2019, 2027) for q in range(1, 5)]
    root = parse(line_chart_svg(labels, [("IKM", [80.0] * len(labels))], min_value=25,
                                max_value=100, title="T"))  # fmt: skip
    shown = [t.text for t in root.iter(f"{NS}text") if t.text and t.text.startswith("Triwulan")]
    assert shown[0] == labels[0] and shown[-1] == labels[-1]
    assert 2 <= len(shown) < 8
    xs = [float(t.get("x")) for t in root.iter(f"{NS}text") if t.text in shown]
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) > 16 * 12 * 0.6  # no overlap
    assert len(root.findall(f".//{NS}circle")) == len(labels)  # every point still drawn
