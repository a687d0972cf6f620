"""Supervision pages: calendar and lists, planning, filling (autosaved), publishing and
acknowledging visits, school self-evaluations, reports and compliance.

Every row is fetched through its model's ``visible_to(user)``; another office's or
another school's row is a 404.
"""
