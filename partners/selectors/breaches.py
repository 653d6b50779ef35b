"""The register of breaches, for the governance team. One query, whatever its length."""

from ..models import Breach


def breaches():
    """Every breach, the most recently found first, with who and who recorded it."""
    return list(Breach.objects.select_related("person", "recorded_by"))
