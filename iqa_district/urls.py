from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("IQA District — ผู้ดูแลระบบ")
admin.site.site_title = _("IQA District")
admin.site.index_title = _("จัดการข้อมูลของเขตพื้นที่")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("iqa_district.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("audit/", include("iqa_district.audit.urls")),
    path("help/", include("iqa_district.help.urls")),
    path("notifications/", include("iqa_district.notifications.urls")),
    path("schools/", include("schools.urls")),
    path("standards/", include("standards.urls")),
    path("sar/", include("sar.urls")),
    path("followup/", include("sar.followup.urls")),
    path("networks/", include("supervision.networks.urls")),
    path("plans/", include("supervision.plans.urls")),
    path("supervision/", include("supervision.urls")),
    path("external-eval/", include("external_eval.urls")),
    path("research/", include("research.urls")),
    path("public/", include("iqa_district.public_urls")),
]

handler403 = "iqa_district.views.permission_denied"
handler404 = "iqa_district.views.page_not_found"
