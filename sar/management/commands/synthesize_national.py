"""`python manage.py synthesize_national [--year 2567] [--wait] [--retry-failed BATCH]`

Queues the synthesis of every area office of a year as one Celery group (the national
batch; the yearly beat does the same); the running workers share it out. With --wait
it follows the batch until every office is done or failed and prints the wall time."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from iqa_district.thai import academic_year_of
from sar.models import NationalBatch
from sar.synthesis import national
from schools.models import AcademicYear


class Command(BaseCommand):
    help = "Synthesise every area office of an academic year on the Celery workers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="academic year (BE); default the one just ended"
        )
        parser.add_argument("--wait", action="store_true", help="follow the batch until it ends")
        parser.add_argument(
            "--retry-failed", type=int, metavar="BATCH", help="re-queue a batch's failed offices"
        )

    def handle(self, *args, **options):
        if options["retry_failed"]:
            batch = NationalBatch.objects.filter(pk=options["retry_failed"]).first()
            if batch is None:
                raise CommandError(f"ไม่พบการสังเคราะห์ทุกเขตพื้นที่รายการที่ {options['retry_failed']}")
            runs = national.national_batch_retry_failed(batch=batch)
            self.stdout.write(f"รายการที่ {batch.pk}: ส่งสังเคราะห์ใหม่ {len(runs)} เขตพื้นที่")
        else:
            year = options["year"] or academic_year_of(timezone.localdate()) - 1
            academic_year = AcademicYear.objects.filter(year=year).first()
            if academic_year is None:
                raise CommandError(f"ไม่พบปีการศึกษา {year}")
            batch = national.national_batch_start(academic_year=academic_year)
            self.stdout.write(
                f"รายการที่ {batch.pk}: ส่ง {batch.runs.count()} เขตพื้นที่เข้าคิวให้เครื่องประมวลผลแล้ว"
            )
        if options["wait"]:
            self._follow(batch)

    def _follow(self, batch):
        started = time.monotonic()
        shown = None
        while True:
            progress = national.national_batch_progress(batch)
            line = (
                f"  {progress.percent:3d}% เสร็จ {progress.done} ล้มเหลว {progress.failed} "
                f"กำลังทำ {progress.running} รอ {progress.pending} จาก {progress.offices}"
            )
            if line != shown:
                self.stdout.write(line)
                shown = line
            if progress.finished:
                break
            time.sleep(1)
        self.stdout.write(f"เสร็จใน {time.monotonic() - started:.1f} วินาที")
        if progress.failed:
            raise CommandError(
                f"ล้มเหลว {progress.failed} เขตพื้นที่: "
                f"manage.py synthesize_national --retry-failed {batch.pk}"
            )
