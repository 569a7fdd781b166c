"""Web forms for the ledger. The models and :mod:`onshore.costs` hold the rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict

from onshore import places
from onshore.costs import PRICING_MODELS
from onshore.ledger.models import (
    MAX_RATES,
    CostSettings,
    Engagement,
    Pricing,
    TimeEntry,
    read_rate,
)
from onshore.localtime import parse_hours_text
from onshore.workspaces.models import Membership, Workspace
from onshore.workspaces.zone_picker import ZoneField

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class PeriodForm(forms.Form):
    start = forms.DateField(widget=DATE_INPUT)
    end = forms.DateField(widget=DATE_INPUT)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", f"the end ({end}) is before the start ({start})")
        if start and end and (end - start).days > 3 * 366:
            self.add_error("end", "choose a period of at most three years")
        return data


class EngagementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Engagement
        fields = ["member", "name", "pricing", "amount", "currency", "start", "end"]
        widgets = {"start": DATE_INPUT, "end": DATE_INPUT}
        help_texts = {"name": "leave empty to use the member's (or agency's) name"}

    def __init__(self, *args: Any, workspace: Workspace, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.workspace = workspace
        member = self.fields["member"]
        member.queryset = Membership.objects.filter(workspace=workspace).select_related("user")  # type: ignore[attr-defined]
        member.label_from_instance = _member_label  # type: ignore[attr-defined]
        member.required = True
        if not self.instance.pk:
            self.initial.setdefault("currency", workspace.currency)


def _member_label(member: Membership) -> str:
    extra = f", {member.agency_name}" if member.agency_name else ""
    return f"{member.user.display_name} ({member.sourcing_class}{extra})"


class TimeEntryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TimeEntry
        fields = ["engagement", "date", "hours", "note"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args: Any, engagements: QuerySet[Engagement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = engagements  # type: ignore[attr-defined]
        self.fields["engagement"].empty_label = None  # type: ignore[attr-defined]


class CostSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    rates_text = forms.CharField(
        label="Exchange rates",
        required=False,
        max_length=2000,
        help_text="how many of the workspace currency one unit buys, e.g. USD 0.79, INR 0.0094",
    )

    class Meta:
        model = CostSettings
        fields = [
            "reviewer_hourly_value",
            "minutes_per_review",
            "minutes_per_comment",
            "contributor_hours_per_round",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rates_text"].initial = ", ".join(
            f"{code} {rate}" for code, rate in sorted((self.instance.rates or {}).items())
        )

    def clean_rates_text(self) -> dict[str, str]:
        return rates_from_text(self.cleaned_data["rates_text"])

    def save(self, commit: bool = True) -> CostSettings:
        self.instance.rates = self.cleaned_data["rates_text"]
        return super().save(commit)  # type: ignore[no-any-return]


def rates_from_text(text: str) -> dict[str, str]:
    """'USD 0.79, INR 0.0094' (or USD=0.79) → {"USD": "0.79", …}; ValidationError says which."""
    rates: dict[str, str] = {}
    for chunk in filter(None, (part.strip() for part in text.replace(";", ",").split(","))):
        code, _, number = chunk.replace("=", " ").partition(" ")
        try:
            code, rate = read_rate(code, number)
        except ValueError as exc:
            raise ValidationError(f"{chunk[:60]!r}: {exc}") from None
        rates[code] = f"{rate:f}"
    if len(rates) > MAX_RATES:
        raise ValidationError(f"at most {MAX_RATES} exchange rates")
    return rates


class WhatIfForm(forms.Form):
    pricing = forms.ChoiceField(choices=[(p, Pricing(p).label) for p in PRICING_MODELS])
    amount = forms.DecimalField(
        min_value=0, max_digits=12, decimal_places=2, help_text="rate, price per post or retainer"
    )
    currency = forms.CharField(max_length=3)
    hours_per_post = forms.DecimalField(
        required=False, min_value=0, max_digits=6, decimal_places=2, help_text="for hourly vendors"
    )
    country = forms.ChoiceField(choices=[("", "— choose a country —"), *places.country_choices()])
    zone = ZoneField(label="Time zone", country_field="country", help_text="e.g. Kolkata")
    hours = forms.CharField(label="Working hours", max_length=500, initial="mon-fri 09:00-17:00")
    posts_per_month = forms.DecimalField(min_value=Decimal("0.1"), max_digits=8, decimal_places=1)
    revision_rounds = forms.DecimalField(
        label="Revision rounds per post",
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=2,
        help_text="leave empty to use this workspace's measured figure",
    )
    explaining_hours = forms.DecimalField(
        label="Explaining hours a month", min_value=0, max_digits=6, decimal_places=1, initial=0
    )
    reviewer_hourly_value = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="in the workspace currency; empty uses the cost settings' figure",
    )
    delay_cost_per_day = forms.DecimalField(
        required=False, min_value=0, max_digits=12, decimal_places=2,
        help_text="price a day of delay (workspace currency); empty shows delay in days only",
    )  # fmt: skip

    def clean_currency(self) -> str:
        return _normalised(places.normalise_currency, self.cleaned_data["currency"])

    def clean_hours(self) -> Any:
        try:
            hours = parse_hours_text(self.cleaned_data["hours"])
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        if not hours:
            raise ValidationError("give the vendor some working hours, e.g. mon-fri 09:00-17:00")
        return hours

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("pricing") == "hourly" and data.get("hours_per_post") is None:
            self.add_error("hours_per_post", "an hourly vendor needs the hours a post takes")
        return data


def _normalised(normalise: Any, value: str) -> str:
    try:
        return str(normalise(value))
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def parse_period(query: QueryDict, default: tuple[date, date]) -> tuple[PeriodForm, date, date]:
    """The period from the query string, or the default when none was asked for."""
    if "start" not in query and "end" not in query:
        form = PeriodForm(initial={"start": default[0], "end": default[1]})
        return form, default[0], default[1]
    form = PeriodForm(query)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default[0], default[1]
