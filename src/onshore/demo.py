"""A believable demo workspace: a UK coffee roaster selling in the UK and the US.

It shows every sourcing class: in-house staff, a UK freelancer (outsourced, native to the
UK market), a US freelancer (offshored, yet native to the US market) and an agency in
India (offshored, native to neither market), plus the client-side reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from onshore.accounts.models import User
from onshore.workspaces.models import Market, Membership, Workspace
from onshore.workspaces.roles import Role

DEMO_SLUG = "harbour-pine-coffee"
DEMO_PASSWORD = "harbour-pine-demo"

WEEKDAYS_9_TO_5 = {d: [["09:00", "17:30"]] for d in ("mon", "tue", "wed", "thu", "fri")}


@dataclass(frozen=True)
class DemoPerson:
    name: str
    email: str
    role: str
    relation: str
    country: str
    zone: str
    hours: dict[str, list[list[str]]]
    languages: tuple[str, ...]
    agency: str = ""


DEMO_PEOPLE = (
    DemoPerson(
        "Emma Clarke",
        "emma@harbourpine.example",
        Role.OWNER,
        "employee",
        "GB",
        "Europe/London",
        WEEKDAYS_9_TO_5,
        ("en-GB",),
    ),
    DemoPerson(
        "Oliver Hughes",
        "oliver@harbourpine.example",
        Role.MANAGER,
        "employee",
        "GB",
        "Europe/London",
        WEEKDAYS_9_TO_5,
        ("en-GB",),
    ),
    DemoPerson(
        "James Whitfield",
        "james@harbourpine.example",
        Role.REVIEWER,
        "employee",
        "GB",
        "Europe/London",
        {d: [["10:00", "16:00"]] for d in ("mon", "tue", "wed", "thu")},
        ("en-GB",),
    ),
    DemoPerson(
        "Sophie Turner",
        "sophie@turnerwrites.example",
        Role.CONTRIBUTOR,
        "freelancer",
        "GB",
        "Europe/London",
        {d: [["08:00", "14:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
        ("en-GB",),
    ),
    DemoPerson(
        "Megan Brooks",
        "megan@brookscopy.example",
        Role.CONTRIBUTOR,
        "freelancer",
        "US",
        "America/Chicago",
        WEEKDAYS_9_TO_5,
        ("en-US",),
    ),
    DemoPerson(
        "Priya Raman",
        "priya@brightwave.example",
        Role.CONTRIBUTOR,
        "agency",
        "IN",
        "Asia/Kolkata",
        {d: [["10:00", "19:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
        ("en-IN", "hi", "ta"),
        agency="Brightwave Digital",
    ),
)


def demo_exists() -> bool:
    return Workspace.objects.filter(slug=DEMO_SLUG).exists()


@transaction.atomic
def load_demo(now: datetime | None = None) -> Workspace:
    """Create the demo workspace (idempotent: returns the existing one if present).

    Its twelve weeks of review history end at ``now`` (the clock by default).
    """
    existing = Workspace.objects.filter(slug=DEMO_SLUG).first()
    if existing:
        return existing
    workspace = Workspace(
        name="Harbour & Pine Coffee",
        slug=DEMO_SLUG,
        home_country="GB",
        home_timezone="Europe/London",
        currency="GBP",
    )
    workspace.full_clean()
    workspace.save()
    Market.objects.create(
        workspace=workspace, country="GB", language="en-GB", timezone="Europe/London"
    )
    Market.objects.create(
        workspace=workspace,
        country="US",
        language="en-US",
        timezone="America/New_York",
        other_zones=["America/Chicago", "America/Denver", "America/Los_Angeles"],
    )
    for person in DEMO_PEOPLE:
        _add_person(workspace, person)
    from onshore.demo_history import load_history  # the history builds on every app

    load_history(workspace, now or timezone.now())
    return workspace


def _add_person(workspace: Workspace, person: DemoPerson) -> None:
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User.objects.create_user(person.email, DEMO_PASSWORD, name=person.name)
    member = Membership(
        workspace=workspace,
        user=user,
        role=person.role,
        relation=person.relation,
        agency_name=person.agency,
        home_country=person.country,
        timezone=person.zone,
        working_hours=person.hours,
        languages=list(person.languages),
    )
    member.full_clean()
    member.save()


def login_instructions(base_url: str) -> str:
    lines = [f"Demo workspace 'Harbour & Pine Coffee': log in at {base_url}/login/ with"]
    for person in DEMO_PEOPLE:
        lines.append(f"  {person.email:<32} ({person.role}, {person.relation}, {person.country})")
    lines.append(f"  password for all of them: {DEMO_PASSWORD}")
    return "\n".join(lines)
