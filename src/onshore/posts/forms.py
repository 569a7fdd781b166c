"""Post editor and schedule forms; the rules are in editing.py and the models."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.forms.models import ModelChoiceIterator

from onshore.inputs import BadInput, check_day
from onshore.posts.editing import PostChanges
from onshore.posts.models import MAX_TEXT, Media, Network, Post
from onshore.workspaces.models import Market, Workspace

# The editor's media items, media_<N>_*: a library file (asset) or an older post's
# placeholder (a description); as many as a post may carry (editing refuses more).
MEDIA_ROWS = 10


class _MarketsReadOnce(ModelChoiceIterator):
    """Django's iterator queries on every pass, and a select passes twice (its options
    and whether to mark it required): keep the first pass's rows for the second."""

    def __init__(self, field: forms.ModelChoiceField) -> None:  # type: ignore[type-arg]
        super().__init__(field)
        self._rows: list[Any] | None = None

    def __iter__(self) -> Iterator[Any]:
        if self._rows is None:
            self._rows = list(super().__iter__())
        return iter(self._rows)


MEDIA_PARTS = ("kind", "description", "alt", "asset", "remove", "position")


def _media_rows_in_use(data: Any, post: Post | None) -> list[int]:
    """The media rows the form needs fields for: those the data sends, or for a page
    shown (no data) the post's items. The editor writes its rows by hand (only the
    items there are), so ten rows of five fields each would be built for nothing."""
    if data is not None:
        return [
            i for i in range(MEDIA_ROWS) if any(f"media_{i}_{part}" in data for part in MEDIA_PARTS)
        ]
    held = len(post.media.all()) if post is not None else 0
    return list(range(min(held, MEDIA_ROWS)))


class MarketChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    iterator = _MarketsReadOnce

    def label_from_instance(self, obj: Market) -> str:
        return str(obj.label)


class PostForm(forms.Form):
    market = MarketChoiceField(queryset=None, empty_label=None)
    text = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6}))
    networks = forms.MultipleChoiceField(
        choices=Network.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    link = forms.URLField(max_length=2000, required=False, assume_scheme="https")
    tags = forms.CharField(max_length=1000, required=False, help_text="comma-separated")
    sponsored = forms.BooleanField(
        label="Paid or partner post",
        required=False,
        help_text="The check then asks for the disclosure the market's ad rules expect "
        "(such as #ad at the start in the UK).",
    )

    def __init__(
        self, *args: Any, workspace: Workspace, post: Post | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(MarketChoiceField, self.fields["market"]).queryset = workspace.markets.all()
        self.variant_names = []
        for network, label in Network.choices:
            name = f"variant_{network}"
            self.fields[name] = forms.CharField(
                label=f"{label} text",
                max_length=MAX_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=f"Leave empty to post the main text on {label}.",
            )
            self.variant_names.append(name)
        self.media_rows = _media_rows_in_use(self.data if self.is_bound else None, post)
        for index in self.media_rows:
            self.fields[f"media_{index}_kind"] = forms.ChoiceField(
                label=f"Media {index + 1}", choices=Media.Kind.choices, required=False
            )
            self.fields[f"media_{index}_description"] = forms.CharField(
                label="what it will be", max_length=200, required=False
            )
            self.fields[f"media_{index}_alt"] = forms.CharField(
                label=f"Alt text of file {index + 1}", max_length=1500, required=False
            )
            self.fields[f"media_{index}_asset"] = forms.IntegerField(
                min_value=1, required=False, widget=forms.HiddenInput
            )
            self.fields[f"media_{index}_remove"] = forms.BooleanField(
                label="Remove", required=False
            )
            # Without JavaScript (no ↑/↓), a file's place in the post is typed in.
            self.fields[f"media_{index}_position"] = forms.IntegerField(
                label=f"Position of file {index + 1}",
                min_value=1,
                max_value=MEDIA_ROWS,
                required=False,
            )
        if post is not None:
            for index, item in enumerate(post.media.all()[:MEDIA_ROWS]):
                self.initial[f"media_{index}_kind"] = item.kind
                self.initial[f"media_{index}_description"] = item.description
                self.initial[f"media_{index}_alt"] = item.alt_text
                self.initial[f"media_{index}_asset"] = item.asset_id
            self.initial.update(
                {
                    "market": post.market_id,
                    "text": post.text,
                    "networks": post.networks,
                    "link": post.link,
                    "tags": ", ".join(post.tags),
                    "sponsored": post.sponsored,
                    **{f"variant_{v.network}": v.text for v in post.variants.all()},
                }
            )

    def main_fields(self) -> list[BoundField]:
        return [self[name] for name in ("market", "text", "networks", "link", "tags", "sponsored")]

    def variant_fields(self) -> list[BoundField]:
        return [self[name] for name in self.variant_names]

    def has_variant_text(self) -> bool:
        """Whether any network has its own text (the editor then shows those fields)."""
        return any(self[name].value() for name in self.variant_names)

    def media_indexes(self) -> list[int]:
        """The rows that hold an item (a file or a placeholder's description), in order."""
        return [
            i
            for i in self.media_rows
            if self[f"media_{i}_asset"].value() or (self[f"media_{i}_description"].value() or "")
        ]

    def _media(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        items: list[dict[str, Any]] = []
        self.media_positions: list[int] = []  # the row of each item, for its errors
        for i in self.media_rows:
            asset_id = data.get(f"media_{i}_asset")
            description = (data.get(f"media_{i}_description") or "").strip()
            if data.get(f"media_{i}_remove") or not (asset_id or description):
                continue
            item: dict[str, Any] = {
                "kind": data.get(f"media_{i}_kind") or "image",
                "description": description,
                "alt_text": (data.get(f"media_{i}_alt") or "").strip(),
            }
            if asset_id:
                item["asset_id"] = asset_id
            items.append(item)
            self.media_positions.append(i)
        return self._in_chosen_order(items)

    def _in_chosen_order(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The items by the positions typed in (a page without JavaScript); items with
        no position, or the same one, keep the order they came in."""
        data = self.cleaned_data
        order = sorted(
            range(len(items)),
            key=lambda n: (data.get(f"media_{self.media_positions[n]}_position") or n + 1, n),
        )
        self.media_positions = [self.media_positions[n] for n in order]
        return [items[n] for n in order]

    def changes(self) -> PostChanges:
        data = self.cleaned_data
        tags = [tag.strip() for tag in data.get("tags", "").split(",") if tag.strip()]
        return PostChanges(
            text=data["text"],
            market=data["market"],
            link=data.get("link", ""),
            tags=tags,
            networks=data.get("networks", []),
            variants={n: data.get(f"variant_{n}", "") for n in Network.values},
            media=self._media(),
            sponsored=bool(data.get("sponsored")),
        )

    def add_model_errors(self, exc: ValidationError) -> None:
        for name, problems in exc.message_dict.items():
            field = name if name in self.fields else None
            if name.startswith("variants."):
                field = f"variant_{name.split('.')[1]}"
            if name.startswith("media."):
                _, position, attribute = name.split(".")
                rows = getattr(self, "media_positions", [])
                index = rows[int(position)] if int(position) < len(rows) else int(position)
                short = {"alt_text": "alt", "asset_id": "asset"}.get(attribute, attribute)
                field = f"media_{index}_{short}"
                field = field if field in self.fields else None
            self.add_error(field, problems)


def validate_day(day: date) -> None:
    """``inputs.check_day`` as a form field validator (Django's ValidationError)."""
    try:
        check_day(day, "day")
    except BadInput as exc:
        raise ValidationError(exc.message) from None


class ScheduleForm(forms.Form):
    date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_day]
    )
    time = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    fold = forms.ChoiceField(
        choices=[("", "—"), ("0", "the first"), ("1", "the second")], required=False
    )
