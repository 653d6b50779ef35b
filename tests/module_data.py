"""Data built once for the tests of a module, each test still in a transaction of its own.

Building the meeting scene or loading the demo takes seconds, and dozens of tests only read
what they built and write a little. `module_data` makes a module-scoped fixture that builds
its data once per test module inside a transaction that stays open while the module's tests
run, and is rolled back when the module ends. Each test runs in a savepoint within it (the
transaction pytest-django's `db` gives every test), so what one test writes is gone before
the next one starts, whatever the order. Files the build stores (uploaded and rendered papers)
go to a folder of the module's, which `copy_media` copies into each test's own MEDIA_ROOT:
a test may change or add files without another test seeing it.

Tests of the module that do not ask for the data must not find it in the database: they run
before it is built (`first_without_module_data`, from tests/conftest.py), and one that finds
another's data open fails (`refuse_foreign_module_data`) instead of passing or failing for the
wrong reason.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from django.test.utils import override_settings

# The names of every fixture made here, and of those whose transaction is open now.
NAMES = set()
OPEN = []
# As tests/conftest.py's fast_password_hashing: people are made, and sign in, in the build.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass(frozen=True)
class ModuleData:
    value: object
    media: Path

    def copy_media(self, media_root):
        """The files the build stored, copied into a test's own MEDIA_ROOT."""
        if self.media.exists():
            shutil.copytree(self.media, media_root, dirs_exist_ok=True)


def module_data(name, build):
    """A module-scoped fixture `name` giving `ModuleData(build(), media folder)`.

    Ask for it through a function-scoped fixture that also takes `db` and calls
    `copy_media(settings.MEDIA_ROOT)`: the data is then there, and the files with it.
    """
    NAMES.add(name)

    @pytest.fixture(scope="module", name=name)
    def fixture(django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp(name) / "media"
        # The database is open to the build and to the rollback only: between them it is
        # open to the tests that ask for it, as always.
        with django_db_blocker.unblock():
            kept = transaction.atomic()
            kept.__enter__()
            try:
                with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS):
                    value = build()
            except BaseException as error:
                kept.__exit__(type(error), error, error.__traceback__)
                raise
        OPEN.append(name)
        try:
            yield ModuleData(value=value, media=media)
        finally:
            OPEN.remove(name)
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                kept.__exit__(None, None, None)

    return fixture


def uses(item_or_request):
    """The module data a test asks for, directly or through its fixtures."""
    return NAMES.intersection(item_or_request.fixturenames)


def first_without_module_data(items):
    """Within each module, the tests without module data first, in the order they came.

    The module's data is built for its first test that asks for it and stays in the
    database until the module ends, so the tests that do not ask for it go before.
    """
    modules = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], len(modules))
    items.sort(key=lambda item: (modules[item.nodeid.split("::")[0]], bool(uses(item))))


def refuse_foreign_module_data(request):
    """Fail a database test that would run beside module data it did not ask for, and a
    transactional one that asks for it (it would commit, and empty, the shared data)."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if uses(request) and (
        {"transactional_db", "live_server"} & names
        or (marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
    ):
        pytest.fail(
            f"{request.node.nodeid}: module data is for tests that run in a savepoint "
            "(not transactional_db, live_server or django_db(transaction=True))"
        )
    foreign = [name for name in OPEN if name not in names]
    database = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
    if foreign and (marker or database & names):
        pytest.fail(
            f"{request.node.nodeid} uses the database while the module data {foreign} is in it: "
            "run the tests that do not ask for module data before those that do "
            "(tests/conftest.py sorts them so: did another plugin reorder the tests after it?)"
        )
