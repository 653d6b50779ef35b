"""The production stack: docker-compose.yml points at code that exists; settings refuse unsafe
configurations; every install comes from the lock file."""

import importlib
import json
import os
import re
import secrets
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


def test_the_stack_has_its_six_services():
    assert set(SERVICES) == {"proxy", "db", "redis", "web", "worker", "beat"}
    assert SERVICES["db"]["image"] == "postgres:16"
    assert set(COMPOSE["volumes"]) == {"database", "media", "caddy_data", "caddy_config"}


def test_only_the_tls_proxy_is_published():
    published = {name for name, service in SERVICES.items() if "ports" in service}
    assert published == {"proxy"}
    assert SERVICES["proxy"]["image"].startswith("caddy:")
    assert {"80:80", "443:443"} <= set(SERVICES["proxy"]["ports"])
    assert "${PORTAL_DOMAIN:?" in SERVICES["proxy"]["environment"]["PORTAL_DOMAIN"]
    assert "PORTAL_DOMAIN=" in (ROOT / ".env.example").read_text()


def test_the_proxy_serves_the_domain_and_passes_requests_to_gunicorn():
    mounted = {v.split(":")[1]: v.split(":")[0] for v in SERVICES["proxy"]["volumes"]}
    caddyfile = (ROOT / mounted["/etc/caddy/Caddyfile"]).read_text()
    assert re.search(r"^\{\$PORTAL_DOMAIN\} \{$", caddyfile, re.M)
    assert "reverse_proxy web:8000" in caddyfile
    assert "health_uri /healthz" in caddyfile
    assert {"/data", "/config"} <= set(mounted)  # certificates survive a restart
    words = words_of(SERVICES["web"]["command"])
    assert words[words.index("--bind") + 1] == "0.0.0.0:8000"  # the stack's network only
    assert SERVICES["web"]["expose"] == ["8000"]
    # Django trusts the scheme Caddy reports, and only because Caddy is in front.
    assert SERVICES["web"]["environment"]["SECURE_PROXY_SSL_HEADER"] == (
        "HTTP_X_FORWARDED_PROTO,https"
    )


def test_the_web_server_is_healthy_when_healthz_says_so():
    check = SERVICES["web"]["healthcheck"]["test"]
    assert check[:2] == ["CMD", "python"]
    assert "http://127.0.0.1:8000/healthz" in check[-1]
    assert SERVICES["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    for name in ["web", "worker", "beat"]:
        assert SERVICES[name]["depends_on"]["redis"]["condition"] == "service_healthy"


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


def environment_of_the_example():
    """The production environment .env.example describes, with a real secret key."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    example = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    example["SECRET_KEY"] = secrets.token_urlsafe(50)
    return example


def in_a_clean_process(args, **env):
    # Only what the example sets, so no variable of this machine leaks in.
    keep = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=keep | env | {"DJANGO_SETTINGS_MODULE": "icp_portal.settings"},
        capture_output=True,
        text=True,
    )


def test_the_production_example_passes_the_deployment_checks():
    command = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = in_a_clean_process(command, **environment_of_the_example())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_reminders_of_the_production_example_link_to_the_portals_https_address():
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.PORTAL_ADDRESS)"
    result = in_a_clean_process(["-c", code], **environment_of_the_example())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://governance.example.nhs.uk"


SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


def security_settings(**env):
    code = "import django, json; django.setup(); from django.conf import settings; "
    code += f"print(json.dumps({{n: getattr(settings, n) for n in {SECURITY_SETTINGS!r}}}))"
    result = in_a_clean_process(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults_to_https_only():
    assert security_settings(**environment_of_the_example()) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        # Only a proxy that sets it may be trusted: docker-compose.yml names it.
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_the_development_server_serves_plain_http():
    values = security_settings(DEBUG="true")
    assert not any(values.values()), values


def test_each_security_setting_comes_from_the_environment():
    values = security_settings(
        **environment_of_the_example(),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="false",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        SECURE_COOKIES="false",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }


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
