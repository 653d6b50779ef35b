"""Links from entries on the register of interests to the records of apps that stand above
partners, such as the meetings where an interest was declared. Partners may not import those
apps, so each one registers a provider when it is ready, and the register asks them all."""

from collections import defaultdict

_providers = []


def provide_entry_links(provider):
    """Register `provider(interest_ids)`, which returns {interest id: [(text, url), ...]}
    of records anyone may see: the links go on the public register."""
    if provider not in _providers:
        _providers.append(provider)


def with_entry_links(interests):
    """Set `links` on each of `interests`: every provider's, one query per provider."""
    found = defaultdict(list)
    ids = [interest.pk for interest in interests]
    for provider in _providers if ids else []:
        for pk, links in provider(ids).items():
            found[pk].extend(links)
    for interest in interests:
        interest.links = found.get(interest.pk, [])
    return interests
