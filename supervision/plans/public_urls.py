"""Published plans without login, included by iqa_district/public_urls.py under
/public/plans/ (namespace ``public``)."""

from django.urls import path

from .views import public

urlpatterns = [
    path("", public.public_plan_list, name="plan_list"),
    path("<int:pk>/plan.pdf", public.public_plan_pdf, name="plan_pdf"),
    path(
        "action-plans/<int:pk>/action-plan.pdf",
        public.public_action_plan_pdf,
        name="action_plan_pdf",
    ),
    path(
        "action-plans/<int:pk>/evaluation.pdf",
        public.public_evaluation_pdf,
        name="plan_evaluation_pdf",
    ),
]
