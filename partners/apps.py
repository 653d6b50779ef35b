from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners, boards and memberships"

    def ready(self):
        from . import permissions

        # The group must exist on every fresh database, including the test one.
        post_migrate.connect(permissions.governance_admin_group_ensure, sender=self)
