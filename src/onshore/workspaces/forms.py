"""Web forms. They only translate HTML fields; the models hold the rules (``clean()``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from onshore import places
from onshore.localtime import MAX_SPANS_PER_DAY, WEEKDAYS, parse_weekly_hours
from onshore.workspaces.models import Market, Membership, Workspace
from onshore.workspaces.roles import MANAGED_PROFILE_FIELDS, Role
from onshore.workspaces.zone_picker import ZoneField, ZoneListField

DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def _country_field(label: str, required: bool = True) -> forms.ChoiceField:
    blank = [("", "— choose a country —")]
    return forms.ChoiceField(
        label=label, choices=blank + places.country_choices(), required=required
    )


def slots_from_text(value: str) -> list[dict[str, Any]]:
    """'tue thu 09:30; sat 11:00' → [{"days": ["tue", "thu"], "time": "09:30"}, …].

    Validation (day names, clock) is the model's, so a typo is reported there by slot.
    """
    slots = []
    for chunk in value.split(";"):
        words = chunk.replace(",", " ").split()
        if words:
            slots.append({"days": words[:-1], "time": words[-1]})
    return slots


def slots_to_text(slots: list[dict[str, Any]]) -> str:
    return "; ".join(" ".join([*slot.get("days", []), slot.get("time", "")]) for slot in slots)


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.replace(";", ",").split(",") if item.strip()]


class ModelErrorsOnFormFields(forms.ModelForm):  # type: ignore[type-arg]
    """Show the model's errors on the form fields that edit them.

    Some model fields are edited through differently named form fields (a list as
    comma-separated text); Django would otherwise fail on an error for a field the form
    does not have.
    """

    model_error_fields: dict[str, str | None] = {}

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            renamed: dict[str | None, Any] = {}
            for name, messages in errors.error_dict.items():
                target = self.model_error_fields.get(name, name)
                renamed.setdefault(target, []).extend(messages)
            errors = ValidationError(
                {
                    key if key is not None else NON_FIELD_ERRORS: value
                    for key, value in renamed.items()
                }
            )
        # BaseModelForm._update_errors is private Django API the stubs leave out.
        super()._update_errors(errors)  # type: ignore[misc]


class WorkspaceForm(forms.ModelForm):  # type: ignore[type-arg]
    home_country = _country_field("Home country (where the business is based)")
    home_timezone = ZoneField(
        label="Home time zone",
        country_field="home_country",
        required=False,
        help_text="Leave empty for the country's main zone.",
    )

    class Meta:
        model = Workspace
        fields = ["name", "home_country", "home_timezone", "currency"]
        help_texts = {
            "currency": "ISO code such as GBP; leave empty for the country's currency.",
        }


class NewWorkspaceForm(WorkspaceForm):
    """A workspace and its first target market, created together."""

    market_country = _country_field("First target market: country")
    market_language = forms.CharField(
        label="Language tag", max_length=35, help_text="e.g. en-GB, en-US, fr-CA"
    )
    market_timezone = ZoneField(
        label="Time zone",
        country_field="market_country",
        with_list=False,  # the home zone's picker above has the list
        required=False,
        help_text="Leave empty for the market's main zone.",
    )

    def first_market(self, workspace: Workspace) -> Market:
        return Market(
            workspace=workspace,
            country=self.cleaned_data["market_country"],
            language=self.cleaned_data["market_language"],
            timezone=self.cleaned_data["market_timezone"],
        )


class MarketForm(ModelErrorsOnFormFields):
    country = _country_field("Country")
    timezone = ZoneField(
        label="Primary time zone",
        country_field="country",
        required=False,
        help_text="Leave empty for the country's main zone.",
    )
    other_zones_text = ZoneListField(
        label="Other time zones",
        country_field="country",
        with_list=False,
        required=False,
        help_text="For countries with several zones, e.g. America/Chicago, America/Los_Angeles",
    )

    class Meta:
        model = Market
        fields = ["country", "language", "timezone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["other_zones_text"] = ", ".join(self.instance.other_zones)
            self.initial["slots_text"] = slots_to_text(self.instance.posting_slots)

    slots_text = forms.CharField(
        label="Posting slots",
        max_length=1000,
        required=False,
        help_text="Recurring times in the primary zone, e.g. 'tue thu 09:30; sat 11:00'. "
        "They stay at that local time across daylight saving changes.",
    )
    model_error_fields = {"other_zones": "other_zones_text", "posting_slots": "slots_text"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.instance.other_zones = _split_list(data.get("other_zones_text", ""))
        self.instance.posting_slots = slots_from_text(data.get("slots_text", ""))
        return data


def _clock_field(label: str, initial: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        initial=initial,
        widget=forms.TimeInput(attrs={"type": "time", "aria-label": label}, format="%H:%M"),
    )


def _span_suffix(index: int) -> str:
    # The first span keeps the plain names (mon_start) that scripts and tests post.
    return "" if index == 0 else f"_{index + 1}"


# Sent by the weekly editor beside the "works this day" boxes: only then does an unticked
# box mean a day off. A script posting mon_start/mon_end alone (as before the boxes) is
# read by its times, so the form saves exactly what its sender edits either way.
DAY_TOGGLES = "day_toggles"


@dataclass(frozen=True)
class DayRow:
    """One day of the weekly editor: its "works this day" box, the spans shown (the
    filled ones, at least one), one spare pair to add a span, and the day's errors."""

    day: str
    name: str
    works: Any
    pairs: list[tuple[Any, Any]]
    spare: tuple[Any, Any] | None
    # (id, text) per field with errors: the id its input's aria-describedby names.
    errors: list[tuple[str, str]]


def week_order(first_weekday: int) -> list[str]:
    """The weekdays starting on ``first_weekday`` (0 = Monday, CLDR's numbering)."""
    return [*WEEKDAYS[first_weekday:], *WEEKDAYS[:first_weekday]]


class ProfileForm(ModelErrorsOnFormFields):
    """Where and when a member works.

    Working hours are edited in one weekly editor only (``hour_rows``): a day is a row with
    a "works this day" box and up to ``MAX_SPANS_PER_DAY`` spans, as the model holds them,
    so a split shift survives a save. The hour fields are kept out of ``visible_fields``
    so the generic form include does not render them a second time (it once did: 14
    duplicate ids, and one copy silently ignored).
    """

    home_country = _country_field("Country you work from")
    timezone = ZoneField(
        label="Time zone", country_field="home_country", help_text="e.g. Kolkata or Asia/Kolkata"
    )
    languages_text = forms.CharField(
        label="Languages you write in",
        max_length=500,
        required=False,
        help_text="Language tags, comma-separated, e.g. en-GB, hi",
    )
    day_toggles = forms.CharField(required=False, widget=forms.HiddenInput, initial="1")

    model_error_fields = {"languages": "languages_text", "working_hours": None}

    class Meta:
        model = Membership
        fields = ["relation", "agency_name", "home_country", "timezone"]

    def __init__(self, *args: Any, actor: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in MANAGED_PROFILE_FIELDS:
            if not actor.may_set_profile_field(name):
                # Disabled: the browser sends nothing and Django keeps the saved value.
                self.fields[name].disabled = True
                self.fields[name].help_text = "Only managers and owners can change this."
        self.initial["languages_text"] = ", ".join(self.instance.languages or [])
        self._add_hour_fields(self.instance.working_hours or {})

    def _add_hour_fields(self, hours: dict[str, list[list[str]]]) -> None:
        self.hour_field_names: set[str] = set()
        for day in WEEKDAYS:
            spans = list(hours.get(day) or [])
            self.fields[f"{day}_works"] = forms.BooleanField(
                label=f"Works on {DAY_NAMES[day]}", required=False, initial=bool(spans)
            )
            self.hour_field_names.add(f"{day}_works")
            for index in range(MAX_SPANS_PER_DAY):
                start, end = spans[index] if index < len(spans) else ("", "")
                which = "" if index == 0 else f", span {index + 1}"
                suffix = _span_suffix(index)
                self.fields[f"{day}_start{suffix}"] = _clock_field(
                    f"{DAY_NAMES[day]} from{which}", start
                )
                self.fields[f"{day}_end{suffix}"] = _clock_field(f"{DAY_NAMES[day]} to{which}", end)
                self.hour_field_names |= {f"{day}_start{suffix}", f"{day}_end{suffix}"}

    def visible_fields(self) -> list[Any]:
        return [f for f in super().visible_fields() if f.name not in self.hour_field_names]

    def _pair(self, day: str, index: int) -> tuple[Any, Any]:
        suffix = _span_suffix(index)
        return self[f"{day}_start{suffix}"], self[f"{day}_end{suffix}"]

    def _spans_filled(self, day: str) -> int:
        """How many pairs of the day hold a time (saved or typed), counting to the last."""
        filled = 0
        for index in range(MAX_SPANS_PER_DAY):
            start, end = self._pair(day, index)
            if start.value() or end.value():
                filled = index + 1
        return filled

    def hour_rows(self, first_weekday: int = 0) -> list[DayRow]:
        """Per weekday, in the member's week order: the row the weekly editor shows."""
        return [self._day_row(day) for day in week_order(first_weekday)]

    def _day_row(self, day: str) -> DayRow:
        shown = max(self._spans_filled(day), 1)
        names = [f"{day}_works"] + [
            f"{day}_{part}{_span_suffix(i)}"
            for i in range(MAX_SPANS_PER_DAY)
            for part in ("start", "end")
        ]
        return DayRow(
            day=day,
            name=DAY_NAMES[day],
            works=self[f"{day}_works"],
            pairs=[self._pair(day, i) for i in range(shown)],
            spare=self._pair(day, shown) if shown < MAX_SPANS_PER_DAY else None,
            errors=[
                (f"{self[name].auto_id}_error", " ".join(str(e) for e in self.errors[name]))
                for name in names
                if name in self.errors
            ],
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.instance.languages = _split_list(data.get("languages_text", ""))
        toggled = bool(data.get(DAY_TOGGLES))
        hours: dict[str, list[list[str]]] = {}
        for day in WEEKDAYS:
            if toggled and not data.get(f"{day}_works"):
                continue  # a day switched off: its times (if the browser sent any) are kept out
            errors_before = len(self.errors)
            spans = self._clean_day(data, day)
            if spans:
                hours[day] = spans
            elif toggled and len(self.errors) == errors_before:
                self.add_error(
                    f"{day}_end",
                    f"{DAY_NAMES[day]}: give the hours you work, or untick the day",
                )
        self.instance.working_hours = hours
        return data

    def _clean_day(self, data: dict[str, Any], day: str) -> list[list[str]]:
        """The day's complete spans; a half-given pair or a span the model refuses is an
        error on the day's row, named by the day (the model would only say "tue")."""
        spans = []
        for index in range(MAX_SPANS_PER_DAY):
            suffix = _span_suffix(index)
            start, end = data.get(f"{day}_start{suffix}"), data.get(f"{day}_end{suffix}")
            if start and end:
                spans.append([f"{start:%H:%M}", f"{end:%H:%M}"])
            elif start or end:
                self.add_error(
                    f"{day}_end{suffix}", f"{DAY_NAMES[day]}: give both a start and an end"
                )
        try:
            parse_weekly_hours({day: spans})
        except ValueError as exc:
            message = str(exc).removeprefix(f"{day}: ")
            self.add_error(f"{day}_end", f"{DAY_NAMES[day]}: {message}")
        return spans


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="E-mail (optional)",
        required=False,
        max_length=254,
        help_text="We e-mail the link there; you can also copy it.",
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.CONTRIBUTOR)

    def __init__(self, *args: Any, can_make_owners: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_make_owners:
            role_field = cast(forms.ChoiceField, self.fields["role"])
            role_field.choices = [c for c in Role.choices if c[0] != Role.OWNER]


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)

    def __init__(self, *args: Any, can_make_owners: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_make_owners:
            role_field = cast(forms.ChoiceField, self.fields["role"])
            role_field.choices = [c for c in Role.choices if c[0] != Role.OWNER]
