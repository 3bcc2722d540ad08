"""Bahasa Indonesia is the default whatever the browser asks for; a person's own choice of
language (the switch in the header) persists."""

from django.urls import reverse


def test_accept_language_english_still_gets_indonesian(world, client):
    client.force_login(world.operator_a)
    response = client.get(reverse("people:employee_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert 'lang="id"' in page
    assert "Pegawai (ASN)" in page
    assert response["Content-Language"] == "id"


def test_anonymous_login_page_is_indonesian_for_an_english_browser(client):
    page = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="id"' in page


def test_the_persons_choice_of_english_persists_until_changed_back(world, client):
    client.force_login(world.operator_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    for _ in range(2):
        page = client.get(reverse("people:employee_list"), HTTP_ACCEPT_LANGUAGE="id").content
        assert 'lang="en"' in page.decode()
    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    page = client.get(reverse("people:employee_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="id"' in page


def test_an_unknown_language_cookie_falls_back_to_indonesian(world, client):
    client.force_login(world.operator_a)
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("people:employee_list")).content.decode()
    assert 'lang="id"' in page


def test_large_numbers_read_in_indonesian_format():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load humanize %}{{ n|intcomma }} JP; {{ people|intcomma }}")
    with translation.override("id"):
        assert template.render(Context({"n": 34364, "people": 3015})) == "34.364 JP; 3.015"
    with translation.override("en"):
        assert template.render(Context({"n": 34364, "people": 3015})) == "34,364 JP; 3,015"
