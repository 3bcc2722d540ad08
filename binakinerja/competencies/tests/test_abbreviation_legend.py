"""Column heads that are codes are spelled out in a legend below the table, not only in a
`title` that touch screens and most screen readers never show (issue 11 item 8)."""

from django.urls import reverse


def test_heat_map_legend_spells_out_every_competency_code(talent, client):
    client.force_login(talent.pimpinan)
    response = client.get(reverse("competencies:heat_map", args=[talent.prov.pk]))
    body = response.content.decode()
    assert '<dl class="abbr-legend small">' in body
    for competency in response.context["heat"].competencies:
        assert f"<dt>{competency.code}</dt><dd>{competency.name}</dd>" in body
