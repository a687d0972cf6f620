"""Beat task of the audit log: the nightly purge past the retention period."""

from celery import shared_task

from .services import audit_purge


# Celery's decorator is untyped; the function itself is.
@shared_task(ignore_result=True)  # type: ignore[untyped-decorator]
def purge_audit_log() -> int:
    return audit_purge()
