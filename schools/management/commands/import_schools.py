"""python manage.py import_schools PATH [--office CODE] [--dry-run] [--skip-errors]

Loads a school list (CSV or XLSX; English or Thai headers) into an area office and
prints ``new N, updated N, unchanged N, errors N`` and then each error with its row.
All or nothing: with an error row nothing is written unless --skip-errors is given.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from schools.models import AreaOffice
from schools.services import school_import_apply
from schools.tables import ImportFileError, check_file


class Command(BaseCommand):
    help = "Import a school list (CSV/XLSX) into an area office, matching on the MOE code."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--office", help="area office code (may be left out with one office)")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--skip-errors", action="store_true", help="import the valid rows, skip error rows"
        )

    def handle(self, *args, path, office=None, dry_run=False, skip_errors=False, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"no such file: {path}")
        area_office = self._office(office)
        data = file.read_bytes()
        try:
            if dry_run:
                check = check_file(area_office, data, file.name)
            else:
                try:
                    check, _record = school_import_apply(
                        office=area_office,
                        data=data,
                        filename=file.name,
                        skip_errors=skip_errors,
                    )
                except ValidationError:
                    check = check_file(area_office, data, file.name)
                    self._report(check)
                    raise CommandError(
                        "the file has error rows; nothing was imported "
                        "(fix them, or use --skip-errors)"
                    ) from None
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        self._report(check)
        if dry_run:
            self.stdout.write("dry run: nothing was written")

    def _report(self, check):
        self.stdout.write(check.summary())
        for row in check.rows:
            if row.status == "error":
                self.stdout.write(f"row {row.number} ({row.code or '-'}): {row.reason}")

    def _office(self, code):
        if code:
            try:
                return AreaOffice.objects.get(code=code)
            except AreaOffice.DoesNotExist:
                raise CommandError(f"no area office with code {code!r}") from None
        offices = list(AreaOffice.objects.all()[:2])
        if len(offices) != 1:
            raise CommandError("there is not exactly one area office; give --office CODE")
        return offices[0]
