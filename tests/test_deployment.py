"""The production stack: docker-compose.yml points at code that exists; settings refuse unsafe
configurations; every install comes from the lock file."""

import importlib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_the_stack_has_its_five_services():
    assert set(SERVICES) == {"db", "redis", "web", "worker", "beat"}
    assert SERVICES["db"]["image"] == "postgres:16"
    assert set(COMPOSE["volumes"]) == {"database", "media"}


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_portal_services_share_one_env_file_that_has_an_example(name):
    assert SERVICES[name]["env_file"] == ".env"
    assert (ROOT / ".env.example").exists()
    assert "media:/srv/media" in SERVICES[name]["volumes"]


def words_of(command):
    return command[-1].split() if command[:2] == ["sh", "-c"] else command


def test_web_serves_a_wsgi_application_that_exists():
    words = words_of(SERVICES["web"]["command"])
    target = words[words.index("gunicorn") + 1]
    module, attribute = target.split(":")
    assert callable(getattr(importlib.import_module(module), attribute))
    assert "manage.py" in words and (ROOT / "manage.py").exists()


# Celery's Django fixup runs Django's system checks when it imports the task modules, as a
# worker does at start; some checks ask the database what it supports.
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "subcommand"), [("worker", "worker"), ("beat", "beat")])
def test_celery_services_point_at_the_celery_app(name, subcommand):
    command = SERVICES[name]["command"]
    assert command[0] == "celery" and command[3] == subcommand
    app = importlib.import_module(command[command.index("-A") + 1]).celery_app
    app.loader.import_default_modules()
    assert app.main == "icp_portal"
    assert "partners.tasks.refresh_board_permissions" in app.tasks


@pytest.mark.django_db
def test_every_beat_task_exists():
    from django.conf import settings

    from icp_portal.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def settings_in_a_fresh_process(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER, "
    code += "settings.CELERY_BROKER_URL)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment | {"DJANGO_SETTINGS_MODULE": "icp_portal.settings"},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_in_a_fresh_process(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_starts_with_a_secret_key():
    result = settings_in_a_fresh_process(DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_embedded_defaults_are_sqlite_and_a_worker_on_a_broker_of_files():
    """No task runs in the web request that sends it, even with nothing configured: `make
    run`'s worker reads them from files under .broker/."""
    environment = {"DEBUG": "true", "DATABASE_URL": "", "CELERY_BROKER_URL": ""}
    result = settings_in_a_fresh_process(**environment)
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False", "filesystem://"]
    code = "import django; django.setup(); from icp_portal.celery import app; "
    code += "print(app.conf.task_always_eager, app.conf.broker_transport_options['data_folder_in'])"
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CELERY_BROKER_URL", "CELERY_BROKER_FOLDER"}
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment | {"DEBUG": "true", "DJANGO_SETTINGS_MODULE": "icp_portal.settings"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["False", str(ROOT / ".broker" / "messages")], result.stderr


def test_postgresql_and_redis_come_from_the_environment():
    result = settings_in_a_fresh_process(
        DEBUG="true",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/icp",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "redis://127.0.0.1:6379/0",
    ]


def test_the_user_model_is_the_portals_own_from_the_first_migration():
    from django.conf import settings

    first = importlib.import_module("partners.migrations.0001_initial")
    created = [op.name for op in first.Migration.operations if hasattr(op, "fields")]
    assert settings.AUTH_USER_MODEL == "partners.User"
    assert "User" in created


def pins_of_the_lock():
    """{name: (version, number of hashes)} for every requirement in requirements.lock."""
    pins = {}
    for block in re.split(r"\n(?=\S)", (ROOT / "requirements.lock").read_text()):
        pinned = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)", block)
        if pinned:
            name, version = pinned.groups()
            pins[canonicalize_name(name)] = (version, block.count("--hash=sha256:"))
    return pins


def test_every_dependency_is_pinned_in_the_lock_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = pins_of_the_lock()
    for line in project["dependencies"] + project["optional-dependencies"]["test"]:
        requirement = Requirement(line)
        version, _ = pins[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version), (line, version)
    assert all(hashes for _, hashes in pins.values())


@pytest.mark.parametrize("installer", ["Makefile", "Dockerfile"])
def test_installs_come_from_the_lock_with_hashes_checked(installer):
    text = (ROOT / installer).read_text()
    lock = r"-r (\$\(LOCK\)|requirements\.lock)"
    assert re.search(r"pip install [^\n]*--require-hashes [^\n]*" + lock, text)
