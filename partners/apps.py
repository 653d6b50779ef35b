from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners, boards and memberships"

    def ready(self):
        from . import permissions, signin, tasks  # noqa: F401 (tasks: registered for sending)

        # The group must exist on every fresh database, including the test one.
        post_migrate.connect(permissions.governance_admin_group_ensure, sender=self)
        # A session's idle and absolute clocks start when its user signs in.
        user_logged_in.connect(signin.session_stamp_sign_in)
