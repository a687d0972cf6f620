"""Import/export of committee members (django-import-export) from the admin.

Rows name their committee by id and the user account by username; the role may be the
code ("onesqa_expert") or its Thai label ("ผู้ทรงคุณวุฒิจาก สมศ."). A row for a committee
of another area office is refused, and so is a row whose ``id`` names a member of a
committee the user cannot see (it would move another office's member into one's own).
After the rows, every committee the import touched must still meet seed 003's rules (the
roles, the representative's training, the administrator's level), as in the committee's
admin page; otherwise the whole import is rolled back.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from iqa_district.accounts.models import User
from iqa_district.spreadsheets import neutralise

from .models import Committee, CommitteeMember, committee_errors

ROLE_BY_LABEL = {str(label): value for value, label in CommitteeMember.Role.choices}


class CommitteeMemberResource(resources.ModelResource):
    committee = fields.Field(
        attribute="committee",
        column_name="committee",
        widget=ForeignKeyWidget(Committee, "pk"),
    )
    user = fields.Field(
        attribute="user", column_name="username", widget=ForeignKeyWidget(User, "username")
    )

    class Meta:
        model = CommitteeMember
        fields = (
            "id",
            "committee",
            "order",
            "name",
            "position",
            "organisation",
            "role",
            "agency_rep_kind",
            "training_name",
            "training_date",
            "education_level",
            "user",
        )
        export_order = fields
        skip_unchanged = True
        # All or nothing: a refused row or a broken composition writes nothing.
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        self._touched_committees: set[int] = set()
        super().before_import(dataset, **kwargs)

    def export_field(self, field, instance, **kwargs):
        # A member's name or organisation is typed by people: never a live formula.
        return neutralise(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        role = (row.get("role") or "").strip()
        row["role"] = ROLE_BY_LABEL.get(role, role)
        user = kwargs.get("user")
        committee_id = row.get("committee")
        if user is not None and not user.is_superuser:
            visible = Committee.objects.visible_to(user).filter(pk=committee_id).exists()
            if not visible:
                raise ValidationError(
                    _("ไม่พบคณะกรรมการรหัส %(id)s ในสำนักงานเขตพื้นที่ของท่าน") % {"id": committee_id}
                )
        member_id = row.get("id")
        if member_id:
            member = CommitteeMember.objects.filter(pk=member_id).first()
            if user is not None and not user.is_superuser:
                visible = Committee.objects.visible_to(user)
                if member is None or not visible.filter(pk=member.committee_id).exists():
                    raise ValidationError(
                        _("ไม่พบกรรมการรหัส %(id)s ในคณะกรรมการของสำนักงานเขตพื้นที่ของท่าน")
                        % {"id": member_id}
                    )
            if member is not None:
                # A member moved to another committee leaves a gap in the one he left.
                self._touched_committees.add(member.committee_id)
        if str(committee_id).isdigit():
            self._touched_committees.add(int(committee_id))
        if row.get("username") and user is not None and not user.is_superuser:
            member_user = User.objects.filter(username=row["username"]).first()
            if member_user and member_user.area_office_id != user.area_office_id:
                raise ValidationError(
                    _("บัญชีผู้ใช้ %(u)s ไม่อยู่ในสำนักงานเขตพื้นที่ของท่าน") % {"u": row["username"]}
                )

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not self._touched_committees:
            return
        problems = []
        for committee in Committee.objects.filter(pk__in=self._touched_committees):
            problems.extend(f"{committee.name}: {error}" for error in committee_errors(committee))
        if problems:
            raise ValidationError(problems)
