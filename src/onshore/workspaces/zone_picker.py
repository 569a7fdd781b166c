"""The time-zone picker: search by city, country or zone name instead of typing
"America/Los_Angeles" from memory.

Without a build step: the field is a text input with a <datalist> of every zone a
country uses, each labelled with its city, country and current UTC offset. The script
static/onshore/zones.js turns it into a keyboard-driven combobox that lists the zones of
the form's country first; without JavaScript the browser's own datalist suggestions
remain. The server still decides: ``ZoneField`` refuses a name the tz database does not
know, naming the value, and turns aliases into the zone they name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import now

from onshore import places

LIST_ID = "iana-zones"  # one datalist per page, shared by every picker on it
EXAMPLE = "Europe/London"


@dataclass(frozen=True)
class ZoneOption:
    zone: str
    country: str
    label: str  # "Los Angeles, United States (UTC−08:00)"


def zone_options(at: datetime) -> tuple[ZoneOption, ...]:
    """Every pickable zone, by city, labelled with its offset at ``at``."""
    return _options_for_hour(at.astimezone(UTC).replace(minute=0, second=0, microsecond=0))


@functools.lru_cache(maxsize=2)
def _options_for_hour(hour: datetime) -> tuple[ZoneOption, ...]:
    # Offsets change only at clock changes, which fall on the hour almost everywhere:
    # computing the ~400 labels once an hour keeps every form page cheap.
    options = [
        ZoneOption(
            zone,
            country,
            f"{places.zone_label(zone)}, {places.country_name(country)} "
            f"({places.utc_offset(zone, hour)})",
        )
        for zone, country in places.pickable_zones().items()
    ]
    return tuple(sorted(options, key=lambda option: option.label.casefold()))


def _datalist() -> SafeString:
    rows = format_html_join(
        "",
        '<option value="{}" label="{}" data-country="{}"></option>',
        ((o.zone, o.label, o.country) for o in zone_options(now())),
    )
    return format_html('<datalist id="{}">{}</datalist>', LIST_ID, rows)


class ZonePicker(forms.TextInput):
    """A text input that searches the zones; ``country_field`` names the form field whose
    country's zones come first; ``multiple`` picks a comma-separated list."""

    def __init__(
        self, country_field: str, *, multiple: bool = False, with_list: bool = True
    ) -> None:
        attrs = {
            "list": LIST_ID,
            "data-zone-picker": "multiple" if multiple else "one",
            "data-country-from": f"id_{country_field}",
            "autocomplete": "off",
            "spellcheck": "false",
            "placeholder": "Type a city, country or zone",
        }
        super().__init__(attrs=attrs)
        self.with_list = with_list  # False for a form's second picker: the list is there

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        field = super().render(name, value, attrs, renderer)
        return mark_safe(field + _datalist()) if self.with_list else field


def _zone_or_error(value: str) -> str:
    try:
        return places.canonical_zone(value)
    except ValueError:
        raise ValidationError(
            f"'{value}' is not a time zone; pick one from the list, e.g. {EXAMPLE}"
        ) from None


class ZoneField(forms.CharField):
    """One IANA zone, as the tz database spells it (aliases become their zone)."""

    def __init__(self, *, country_field: str, with_list: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(widget=ZonePicker(country_field, with_list=with_list), **kwargs)

    def clean(self, value: Any) -> str:
        cleaned = str(super().clean(value))
        return _zone_or_error(cleaned) if cleaned else cleaned


class ZoneListField(forms.CharField):
    """Comma-separated zones, each checked like ``ZoneField``; cleaned to the same text."""

    def __init__(self, *, country_field: str, with_list: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2000)
        widget = ZonePicker(country_field, multiple=True, with_list=with_list)
        super().__init__(widget=widget, **kwargs)

    def clean(self, value: Any) -> str:
        cleaned = str(super().clean(value))
        zones = [item.strip() for item in cleaned.replace(";", ",").split(",") if item.strip()]
        return ", ".join(_zone_or_error(zone) for zone in zones)
