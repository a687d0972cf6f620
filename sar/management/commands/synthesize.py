"""`python manage.py synthesize --office CODE --year 2567 [--wait] [--include-submitted]`

Without --wait the run is queued for the Celery worker; with --wait it runs here and
prints its progress and a summary of the result."""

from django.core.management.base import BaseCommand, CommandError

from sar.models import SynthesisRun
from sar.synthesis import services
from schools.models import AcademicYear, AreaOffice


class Command(BaseCommand):
    help = "Start the annual SAR synthesis of an area office for an academic year."

    def add_arguments(self, parser):
        parser.add_argument("--office", required=True, help="area office code, e.g. UBN5")
        parser.add_argument("--year", required=True, type=int, help="academic year (BE), e.g. 2567")
        parser.add_argument("--wait", action="store_true", help="run here and wait for the result")
        parser.add_argument(
            "--include-submitted",
            action="store_true",
            help="also read SARs submitted but not yet accepted",
        )

    def handle(self, *args, **options):
        office = AreaOffice.objects.filter(code=options["office"]).first()
        if office is None:
            raise CommandError(f"ไม่พบสำนักงานเขตพื้นที่รหัส {options['office']}")
        academic_year = AcademicYear.objects.filter(year=options["year"]).first()
        if academic_year is None:
            raise CommandError(f"ไม่พบปีการศึกษา {options['year']}")
        try:
            run = services.synthesis_start(
                office=office,
                academic_year=academic_year,
                include_submitted=options["include_submitted"],
                queue=not options["wait"],
            )
        except services.SynthesisError as exc:
            raise CommandError(exc.messages[0]) from exc
        if not options["wait"]:
            self.stdout.write(f"การสังเคราะห์รายการที่ {run.pk}: ส่งเข้าคิวให้เครื่องประมวลผลแล้ว")
            return
        self.stdout.write(f"การสังเคราะห์รายการที่ {run.pk}: กำลังสังเคราะห์")

        def show(percent, message):
            self.stdout.write(f"  {percent:3d}% {message}")

        services.synthesis_execute(run_id=run.pk, on_progress=show)
        run.refresh_from_db()
        if run.status != SynthesisRun.Status.DONE:
            raise CommandError(f"การสังเคราะห์รายการที่ {run.pk} ล้มเหลว: {run.failure_reason}")
        show(100, run.progress_message)
        self._summary(run)

    def _summary(self, run):
        results = run.results
        c = results["coverage"]
        self.stdout.write(
            f"เสร็จใน {(run.finished_at - run.started_at).total_seconds():.1f} วินาที: "
            f"สถานศึกษา {c['schools']} จาก {c['schools_total']} แห่ง (ร้อยละ {c['percent']})"
        )
        for level_set in results["level_sets"]:
            self.stdout.write(f"{level_set['set_code']}:")
            for standard in level_set["standards"]:
                self.stdout.write(
                    f"  มาตรฐานที่ {standard['number']}: {standard['n']} แห่ง "
                    f"ดีเลิศขึ้นไปร้อยละ {standard['good_plus']['percent']} "
                    f"บรรลุเป้าหมายร้อยละ {standard['target']['percent']} "
                    f"ยังไม่บรรลุ {len(standard['below_target'])} แห่ง"
                )
        self.stdout.write(f"pdf: {run.pdf.name}")
        self.stdout.write(f"xlsx: {run.xlsx.name}")
