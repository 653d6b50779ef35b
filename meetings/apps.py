from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings, papers, minutes and actions"

    def ready(self):
        # The services send pack builds by the task's name (they never import the tasks,
        # which import them): every process that may send one has the tasks registered.
        from . import tasks  # noqa: F401
