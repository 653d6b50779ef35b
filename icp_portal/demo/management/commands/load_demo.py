"""`manage.py load_demo`: the demo partnership, its boards and people and their interests,
then the ICS Board's meetings and the screening of one against the other. Safe to run
again."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from icp_portal.demo import interests, meetings, partners, screening


class Command(BaseCommand):
    help = "Load the demo partnership, boards, people, meetings and sign-ins. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            # The meetings stand on the partners' boards and people: partners first.
            accounts = partners.load()
            interests.load()
            meetings.load()
            screening.load()  # the register against the agenda: both loaded by now
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo sign-ins (password: {settings.DEMO_PASSWORD}):")
        for persona, email in accounts:
            self.stdout.write(f"  {persona:<17} {email}")
