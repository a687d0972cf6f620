"""Admin pages show a district admin only their own area office's rows."""


class VisibleToAdminMixin:
    """Limit an admin's change list and lookups to ``Model.objects.visible_to(user)``.

    For models whose QuerySet has ``visible_to``; superusers see everything.
    """

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.visible_to(request.user)
