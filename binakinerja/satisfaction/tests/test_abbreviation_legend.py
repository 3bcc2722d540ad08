"""The IKM trend's element columns (U1…U9) are spelled out in a legend below the table, not
only in a `title` (issue 11 item 8)."""

from django.urls import reverse


def test_trend_legend_spells_out_the_nine_elements(survey, client):
    client.force_login(survey.pimpinan)
    response = client.get(reverse("satisfaction:unit_trend", args=[survey.su_puskesmas.pk]))
    body = response.content.decode()
    assert '<dl class="abbr-legend small">' in body
    elements = list(response.context["elements"])
    assert len(elements) == 9
    for element in elements:
        assert f"<dt>U{element.value}</dt><dd>{element.label}</dd>" in body
