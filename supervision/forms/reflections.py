"""Reflections in Kolb's four steps, with the theme's prompts to pick from."""

from django import forms
from django.utils.translation import gettext_lazy as _

from elearning.core.forms import GovukFormMixin, Radios

from ..models import ReflectionTheme, ReflectiveEntry
from ..services.reflections import REFLECTION_FIELDS, SUPERVISEE_FIELDS, SUPERVISOR_FIELDS

OWN_PROMPT = ""


class ReflectionForm(GovukFormMixin, forms.ModelForm):
    """A reflection. The prompt is picked from those the partnership offers for each theme
    (``offered``: theme value to prompts), or written in the person's own words. ``writable``
    is what ``services.reflection_fields_for`` says the person writes; the other fields are
    shown read-only (the reflection) or left out (the supervisor's response)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    prompt_choice = forms.ChoiceField(
        label=_("Prompt you used"),
        required=False,
        help_text=_("Pick one of the partnership's prompts, or write your own below."),
        error_messages={
            "invalid_choice": _(
                "The prompt you picked is no longer offered. Pick another, or write your own."
            )
        },
    )

    class Meta:
        model = ReflectiveEntry
        fields = [
            "theme",
            "prompt",
            "what_happened",
            "thoughts_feelings",
            "analysis",
            "next_steps",
            "peer_reflection",
        ]
        widgets = {
            "theme": Radios,
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "what_happened",
                    "thoughts_feelings",
                    "analysis",
                    "next_steps",
                    "peer_reflection",
                )
            },
        }

    def __init__(self, *args, writable=SUPERVISEE_FIELDS, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        offered = offered or {}
        labels = dict(ReflectionTheme.choices)
        groups = [
            (labels.get(theme, theme), [(prompt, prompt) for prompt in prompts])
            for theme, prompts in offered.items()
            if prompts
        ]
        self.fields["prompt_choice"].choices = [(OWN_PROMPT, _("None: I wrote my own")), *groups]
        self.offered_prompts = {prompt for _theme, prompts in offered.items() for prompt in prompts}
        own = self.fields["prompt"]
        own.label = _("Your own prompt (optional)")
        own.required = False
        stored = self.instance.prompt if self.instance.pk else ""
        if stored in self.offered_prompts:
            self.initial.setdefault("prompt_choice", stored)
            self.initial["prompt"] = ""
        self.order_fields(["version", "theme", "prompt_choice", "prompt"])
        # The service says who writes what: the supervisee writes the reflection (the
        # supervisor sees it, read-only), the supervisor only their response.
        for name in REFLECTION_FIELDS:
            if name in writable:
                continue
            if name in SUPERVISOR_FIELDS:
                del self.fields[name]
            else:
                self.fields[name].disabled = True
        if "prompt" not in writable:
            self.fields["prompt_choice"].disabled = True

    def clean(self):
        cleaned = super().clean()
        picked, own = cleaned.get("prompt_choice") or OWN_PROMPT, (cleaned.get("prompt") or "")
        own = own.strip()
        if picked != OWN_PROMPT and own and own != picked:
            self.add_error(
                "prompt",
                _("Pick a prompt or write your own, not both. Clear one of them."),
            )
        elif "prompt_choice" not in self.errors:
            cleaned["prompt"] = picked if picked != OWN_PROMPT else own
        cleaned.pop("prompt_choice", None)
        return cleaned
