"""The notification pages: the unread count in every page's header (one query), the list
(newest first, paginated, in the reader's language), opening one marks it read and goes to
its place, another user's gives 404; "mark all read"."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binakinerja.core.models import Notification
from binakinerja.core.notifications import NOTIFICATIONS_PER_PAGE, notify

pytestmark = pytest.mark.django_db

MESSAGE = "%(name)s approved your SKP %(year)s."  # a msgid of performance.services


def note(user, *, link="/skp/", read=False, **params):
    from django.utils import timezone

    return Notification.objects.create(
        recipient=user, text="x", message=MESSAGE, link=link,
        params={"name": "Rahmat Hasan", "year": 2026, **params},
        read_at=timezone.now() if read else None,
    )  # fmt: skip


def test_the_header_shows_the_unread_count_on_every_page(world, client):
    note(world.asn_user)
    note(world.asn_user)
    note(world.asn_user, read=True)
    note(world.atasan_user)
    client.force_login(world.asn_user)
    for url in [reverse("core:dashboard"), reverse("performance:skp_home")]:
        page = client.get(url).content.decode()
        assert 'class="notif-count">2<' in page, url


def test_the_count_costs_one_query(world, rf):
    from binakinerja.core.context_processors import notifications

    request = rf.get("/")
    request.user = world.asn_user
    note(world.asn_user)
    with CaptureQueriesContext(connection) as queries:
        context = notifications(request)
        assert int(str(context["unread_notifications"])) == 1
        assert context["unread_notifications"]  # evaluated once
    assert len(queries) == 1


def test_the_list_is_newest_first_in_the_readers_language_and_paginated(world, client):
    for year in range(2000, 2000 + NOTIFICATIONS_PER_PAGE + 2):
        note(world.asn_user, year=year)
    client.force_login(world.asn_user)
    page = client.get(reverse("core:notification_list")).content.decode()
    newest = f"Rahmat Hasan menyetujui SKP {2000 + NOTIFICATIONS_PER_PAGE + 1} Anda."
    assert newest in page and "SKP 2000 Anda" not in page
    second = client.get(reverse("core:notification_list") + "?page=2").content.decode()
    assert "SKP 2000 Anda" in second
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("core:notification_list")).content.decode()
    assert f"Rahmat Hasan approved your SKP {2000 + NOTIFICATIONS_PER_PAGE + 1}." in page


def test_opening_marks_read_and_goes_to_the_place(world, client):
    mine = note(world.asn_user, link="/skp/7/#dialog")
    client.force_login(world.asn_user)
    response = client.get(reverse("core:notification_open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/skp/7/#dialog"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_another_users_notification_is_404_and_stays_unread(world, client):
    theirs = note(world.atasan_user)
    client.force_login(world.asn_user)
    assert client.get(reverse("core:notification_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_foreign_link_is_not_followed(world, client):
    odd = note(world.asn_user, link="https://example.test/")
    client.force_login(world.asn_user)
    response = client.get(reverse("core:notification_open", args=[odd.pk]))
    assert response["Location"] == reverse("core:notification_list")


def test_mark_all_read(world, client):
    note(world.asn_user)
    note(world.asn_user)
    client.force_login(world.asn_user)
    client.post(reverse("core:notifications_read"))
    assert not Notification.objects.filter(recipient=world.asn_user, read_at=None).exists()


def test_notify_stores_the_message_and_the_default_language_text(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=world.asn_user, message=MESSAGE, params={"name": "A", "year": 2026}, link="/")
    stored = Notification.objects.get()
    assert stored.message == MESSAGE and stored.params == {"name": "A", "year": 2026}
    assert stored.text == "A menyetujui SKP 2026 Anda."


def test_the_home_page_lists_unread_ones_through_the_opening_link(world, client):
    mine = note(world.asn_user)
    client.force_login(world.asn_user)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("core:notification_open", args=[mine.pk]) in page
    assert "Rahmat Hasan menyetujui SKP 2026 Anda." in page


def test_repeated_unread_news_is_one_notification_brought_up_to_date(
    world, django_capture_on_commit_callbacks
):
    for year in (2025, 2026):
        with django_capture_on_commit_callbacks(execute=True):
            notify(user=world.asn_user, message=MESSAGE, params={"name": "A", "year": year},
                   link="/skp/1/")  # fmt: skip
    (only,) = Notification.objects.all()
    assert only.params["year"] == 2026
    only.read_at = only.created_at
    only.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=world.asn_user, message=MESSAGE, params={"name": "A", "year": 2027},
               link="/skp/1/")  # fmt: skip
    assert Notification.objects.count() == 2  # read news stays; new news is new
