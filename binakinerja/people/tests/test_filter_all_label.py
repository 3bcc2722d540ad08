"""Every choice filter of the employee list offers "Semua" for no filter, never "---------"."""

from django.urls import reverse


def test_no_filter_of_the_employee_list_shows_dashes(world, client):
    client.force_login(world.admin)
    page = client.get(reverse("people:employee_list")).content.decode()
    assert "---------" not in page
    assert "Semua" in page
