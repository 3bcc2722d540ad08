from binakinerja.core.scoping import reach_of


def roles(request):
    """The signed-in user's reach, for menus (`reach.can_manage_registry`, …)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"reach": reach_of(user)}
