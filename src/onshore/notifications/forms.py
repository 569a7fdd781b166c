"""The notification settings form: per kind where it reaches you, and whether e-mails
wait for your working hours."""

from __future__ import annotations

from typing import Any

from django import forms

from onshore.notifications.models import CHANNEL_CHOICES, Kind, NotificationPreference


class PreferenceForm(forms.Form):
    immediately = forms.BooleanField(
        required=False,
        label="E-mail me at once, even outside my working hours",
    )

    def __init__(self, *args: Any, preference: NotificationPreference, **kwargs: Any) -> None:
        initial: dict[str, object] = {"immediately": preference.immediately}
        initial |= {kind: preference.channel_for(kind) for kind in Kind.values}
        super().__init__(*args, **kwargs)
        self.initial = initial
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=list(CHANNEL_CHOICES.items())
            )
        self.preference = preference

    def save(self) -> NotificationPreference:
        preference = self.preference
        preference.immediately = self.cleaned_data["immediately"]
        preference.channels = {kind: self.cleaned_data[kind] for kind in Kind.values}
        preference.full_clean()
        preference.save()
        return preference
