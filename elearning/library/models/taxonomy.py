"""The library's taxonomy, kept by editors as snippets: themes, neglect types, age groups and
audience sectors. Library pages are tagged with them and the library index filters by them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from elearning.accounts.models import Sector


class TaxonomyTerm(models.Model):
    """A named term with a stable slug used in filter URLs."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in web addresses of filtered lists. Changing it breaks bookmarks."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Theme(index.Indexed, TaxonomyTerm):
    """A practice theme that guides and briefings are tagged with and the library filters by."""

    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One sentence saying what the theme covers."),
    )
    panels = TaxonomyTerm.panels + [FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class NeglectType(TaxonomyTerm):
    """A type of neglect: physical, emotional, medical, educational or supervisory."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("neglect type")
        verbose_name_plural = _("neglect types")


class AgeGroup(TaxonomyTerm):
    """An age group of children the content is about (unborn, 0-1, 1-4, 5-11, 12-17)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")


class AudienceSector(models.Model):
    """An audience sector, one per ``accounts.Sector`` choice, so pages can be filtered by it."""

    code = models.CharField(_("sector"), max_length=32, choices=Sector.choices, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("audience sector")
        verbose_name_plural = _("audience sectors")

    def __str__(self):
        return str(self.get_code_display())

    @property
    def slug(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return str(self.get_code_display())
