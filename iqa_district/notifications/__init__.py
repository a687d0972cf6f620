"""Notifications in the app and by e-mail.

Apps tell people things through ``services.notify`` (one row per recipient under a
unique key, then the e-mail queued after the commit), from their own ``notifications.py``
(``sar/notifications.py``, ``supervision/notifications.py``): this package never imports
an app. Scheduled notices (SAR reminders, due recommendations, the weekly digest) are
registered there with ``@daily`` and ``@digest_section`` and run by the beat tasks of
``tasks.py``.
"""
