"""The ``onshore`` command.

onshore up [--host H] [--port P]   migrate, load the demo on first run, serve
onshore serve [--host H] [--port P] serve only (production WSGI server + static files)
onshore demo                       load the demo workspace and print how to log in
onshore createuser EMAIL --name N  create a user (asks for the password)
onshore check …                    the market-fit checker (see ``onshore check --help``)
onshore whatif … [--workspace S]   cost a prospective vendor (``onshore whatif --help``);
                                   --workspace fills the business side from a workspace
onshore manage COMMAND …           any Django management command
onshore COMMAND …                  Django management commands not shadowed above
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onshore.settings")
    import django

    from onshore.config import ConfigError

    try:
        django.setup()
    except ConfigError as exc:
        sys.stderr.write(f"onshore: configuration error: {exc}\n")
        raise SystemExit(2) from None


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def _address_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on ({DEFAULT_HOST})"
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")
    return parser


def _announce_listen_address(host: str, port: int) -> None:
    """Before Django's settings load: links default to the address this process serves
    on (settings.SITE_URL, via config.site_url), here and in the worker it starts."""
    from onshore.config import LISTEN_URL_VARIABLE, listen_url

    os.environ[LISTEN_URL_VARIABLE] = listen_url(host, port)


def _warn_about_site_url(host: str, port: int) -> None:
    """After the settings load: one stderr line when links will not reach this server."""
    from django.conf import settings

    from onshore.config import WILDCARD_HOSTS, address_warning, configured_site_url

    if configured_site_url():
        warning = address_warning(settings.SITE_URL, host, port)
    elif host in WILDCARD_HOSTS:
        warning = (
            f"listening on every address, but links in invitations, e-mails and calendar "
            f"feeds point to {settings.SITE_URL}, which only this machine opens; set "
            "ONSHORE_SITE_URL to the address people use."
        )
    else:
        warning = None
    if warning:
        sys.stderr.write(f"onshore: warning: {warning}\n")
        sys.stderr.flush()


def _serve(host: str, port: int) -> None:
    """Run gunicorn in this process (onshore.serving)."""
    from onshore.serving import serve

    serve(host, port)


def cmd_up(argv: list[str]) -> int:
    args = _address_parser("onshore up", "Migrate, load the demo on first run, serve.").parse_args(
        argv
    )
    _announce_listen_address(args.host, args.port)
    _setup_django()
    _warn_about_site_url(args.host, args.port)
    _manage("migrate", "--no-input", "--verbosity", "0")
    from onshore.accounts.models import User
    from onshore.demo import load_demo, login_instructions

    first_run = not User.objects.exists()
    if first_run:
        load_demo()
    _manage("collectstatic", "--no-input", "--verbosity", "0")
    base_url = f"http://{args.host}:{args.port}"
    print(f"onshore is starting on {base_url}")
    if first_run:
        print(login_instructions(base_url))
    worker = _start_worker()
    try:
        _serve(args.host, args.port)
    finally:
        _stop_worker(worker)
    return 0


def _start_worker() -> subprocess.Popen[bytes]:
    """The publishing worker beside the web server, as its own process, kept running
    by onshore.supervisor (restarted, with a log line, whenever it exits)."""
    worker = [sys.executable, "-m", "onshore.cli", "worker"]
    return subprocess.Popen([sys.executable, "-m", "onshore.supervisor", "--", *worker])


def _stop_worker(supervisor: subprocess.Popen[bytes]) -> None:
    # SIGTERM: the supervisor passes it on and waits for the worker to finish the
    # delivery in hand (STOP_GRACE_SECONDS), then exits; a little longer here.
    from onshore.supervisor import STOP_GRACE_SECONDS

    supervisor.terminate()
    try:
        supervisor.wait(timeout=STOP_GRACE_SECONDS + 5)
    except subprocess.TimeoutExpired:
        supervisor.kill()


def cmd_serve(argv: list[str]) -> int:
    args = _address_parser("onshore serve", "Serve the web app (no migrations).").parse_args(argv)
    _announce_listen_address(args.host, args.port)
    _setup_django()
    _warn_about_site_url(args.host, args.port)
    _serve(args.host, args.port)
    return 0


def cmd_demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="onshore demo", description="Load the demo workspace.")
    parser.add_argument("--base-url", default=f"http://{DEFAULT_HOST}:{DEFAULT_PORT}")
    args = parser.parse_args(argv)
    _setup_django()
    _manage("migrate", "--no-input", "--verbosity", "0")
    from onshore.demo import demo_exists, load_demo, login_instructions

    if demo_exists():
        print("The demo workspace is already loaded.")
    else:
        load_demo()
    print(login_instructions(args.base_url))
    return 0


def cmd_check(argv: list[str]) -> int:
    from onshore.marketfit.cli import main as check_main

    return check_main(argv)


def cmd_whatif(argv: list[str]) -> int:
    from onshore.costs.cli import main as whatif_main

    slug, rest = _take_option(argv, "--workspace")
    if slug is None:
        return whatif_main(argv)
    _setup_django()
    from onshore.ledger.whatif import business_arguments

    try:
        derived = business_arguments(slug)
    except LookupError as exc:
        sys.stderr.write(f"onshore whatif: error: --workspace: {exc}\n")
        return 2
    # The workspace's figures first, so an option given on the command line wins.
    return whatif_main([*derived, *rest])


def _take_option(argv: list[str], name: str) -> tuple[str | None, list[str]]:
    """Remove ``name VALUE`` or ``name=VALUE`` from argv; (VALUE or None, the rest)."""
    rest, value, index = [], None, 0
    while index < len(argv):
        item = argv[index]
        if item == name and index + 1 < len(argv):
            value, index = argv[index + 1], index + 2
            continue
        if item.startswith(name + "="):
            value = item.split("=", 1)[1]
        else:
            rest.append(item)
        index += 1
    return value, rest


COMMANDS = {
    "up": cmd_up,
    "serve": cmd_serve,
    "demo": cmd_demo,
    "check": cmd_check,
    "whatif": cmd_whatif,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command in COMMANDS:
        return COMMANDS[command](rest)
    if command == "manage":
        command, rest = (rest[0], rest[1:]) if rest else ("help", [])
    _setup_django()
    from django.core.management import ManagementUtility

    ManagementUtility(["onshore", command, *rest]).execute()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
