"""`make reset-demo`: throw the embedded demo away and build it again.

Only the embedded default: an SQLite database in demo mode. The file (with its WAL and
shared-memory companions), the folder broker's pending messages and the uploaded and
generated files under the project folder are removed; then `migrate` and `seed_demo`
build a fresh demo district. Any other database is refused: this never empties a real one.
"""

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections


def sqlite_files(name: Path) -> list[Path]:
    return [name, name.with_name(name.name + "-wal"), name.with_name(name.name + "-shm")]


class Command(BaseCommand):
    help = "Rebuilds the embedded SQLite demo database (and its files) from scratch."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--noinput", action="store_true", help="Do not ask to confirm.")

    def handle(self, *args: Any, **options: Any) -> None:
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "reset_demo rebuilds the embedded SQLite demo only; this database is "
                f"{database['ENGINE']} and is left alone."
            )
        if not settings.DEMO_MODE:
            raise CommandError("reset_demo runs only in demo mode (IQA_DEMO_MODE).")
        name = Path(database["NAME"])
        if not options["noinput"]:
            answer = input(f"Delete {name} and every demo file, then seed again? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was changed.")
        connections.close_all()
        for path in sqlite_files(name):
            path.unlink(missing_ok=True)
        base = Path(settings.BASE_DIR).resolve()
        for folder in (Path(settings.MEDIA_ROOT), getattr(settings, "EMBEDDED_BROKER_DIR", None)):
            # Only what lives in the project folder: a media root elsewhere is not ours.
            if folder and Path(folder).resolve().is_relative_to(base) and Path(folder).exists():
                shutil.rmtree(folder)
        broker = getattr(settings, "EMBEDDED_BROKER_DIR", None)
        if broker:
            for sub in ("queue", "control"):
                (Path(broker) / sub).mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Removed {name}; migrating and seeding the demo district again.")
        call_command("migrate", interactive=False, verbosity=options["verbosity"])
        call_command("seed_demo", verbosity=options["verbosity"])
