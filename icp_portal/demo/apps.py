from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Registered after the domain apps, for its management commands and templates."""

    name = "icp_portal.demo"
    label = "demo"
    verbose_name = "Demo data"
