"""The audit log: who created, changed, deleted, exported or downloaded what, from which
IP address and when. Append-only; purged after AUDIT_RETENTION_DAYS by a beat task.

Apps write entries through ``services.audit_record``; the request's IP address comes from
``middleware.AuditContextMiddleware``, so services need not be handed the request."""
