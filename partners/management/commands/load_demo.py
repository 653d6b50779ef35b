"""`manage.py load_demo`: the demo data of every app, from the source documents."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo partnership, boards, people and sign-ins. Safe to run again."

    def handle(self, *args, **options):
        accounts = []
        with transaction.atomic():
            # Each app owns its demo data in `<app>/demo.py`, loaded in the order of
            # INSTALLED_APPS so that later apps find the rows of the ones they stand on.
            for config in apps.get_app_configs():
                if find_spec(f"{config.name}.demo") is not None:
                    accounts += import_module(f"{config.name}.demo").load() or []
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo sign-ins (password: {settings.DEMO_PASSWORD}):")
        for persona, email in accounts:
            self.stdout.write(f"  {persona:<17} {email}")
