from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings, papers, minutes and actions"

    def ready(self):
        # The services send pack builds by the task's name (they never import the tasks,
        # which import them): every process that may send one has the tasks registered.
        # The register of interests links each entry to the meetings where it was declared.
        from partners.links import provide_entry_links

        from . import tasks  # noqa: F401
        from .selectors.declarations import public_declaration_links

        provide_entry_links(public_declaration_links)
