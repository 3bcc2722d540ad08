from django.utils.functional import SimpleLazyObject

from binakinerja.core.notifications import notification_unread_count


def notifications(request):
    """The signed-in user's unread notification count for the header: one COUNT query, run
    only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: notification_unread_count(user))}
