"""django-axes with two limits: per user name + address, and per address alone.

Axes compares one number, the largest failure count over ``AXES_LOCKOUT_PARAMETERS``,
with one limit. The address-only count is shifted so that it reaches
``AXES_FAILURE_LIMIT`` exactly when it reaches ``AXES_IP_FAILURE_LIMIT``: an office behind
one address gets more typing mistakes in total than one account does.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        # In the order of AXES_LOCKOUT_PARAMETERS: user name + address, then address.
        counts = [
            int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if len(counts) == 2:
            counts[1] -= max(0, settings.AXES_IP_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT)
        return max(counts, default=0)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        # Only the user's own failures from this address: logging into one's own account
        # must not wipe the address's count of failures against other accounts.
        own = self.filter_user_attempts(request, credentials)[0]
        count, _ = own.delete()
        return int(count)
