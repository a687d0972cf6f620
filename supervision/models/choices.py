"""Choices that visits and self-evaluations share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Semester(models.IntegerChoices):
    FIRST = 1, _("ภาคเรียนที่ ๑")
    SECOND = 2, _("ภาคเรียนที่ ๒")
