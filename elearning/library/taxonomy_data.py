"""The taxonomy a new site starts with. Plain data: migrations import it."""

from django.utils.text import slugify

THEMES = [
    "Professional desensitisation",
    "Case drift and start-again syndrome",
    "Invisible and unseen men",
    "Disguised compliance and resistance",
    "The child's voice and lived experience",
    "Chronologies",
    "Missed appointments (was not brought)",
    "Cumulative harm",
    "Adolescent neglect",
    "Babies and pre-mobile infants",
    "Medical neglect",
    "Educational neglect",
    "Emotional neglect",
    "Disabled children and complex health needs",
    "Poverty and neglect",
    "Whole family (think family)",
    "Escalation and professional challenge",
    "Information sharing",
]
NEGLECT_TYPES = ["Physical", "Emotional", "Medical", "Educational", "Supervisory"]
AGE_GROUPS = [
    ("Unborn", "unborn"),
    ("0 to 1", "0-1"),
    ("1 to 4", "1-4"),
    ("5 to 11", "5-11"),
    ("12 to 17", "12-17"),
]
SECTORS = [
    "health",
    "education",
    "police",
    "childrens_social_care",
    "probation",
    "housing",
    "voluntary",
    "other",
]


def theme_slug(name: str) -> str:
    return slugify(name.replace("'", ""))


def taxonomy_seed(*, Theme, NeglectType, AgeGroup, AudienceSector) -> None:
    """Create missing terms; existing ones (and editors' changes to them) are left alone."""
    for order, name in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=theme_slug(name), defaults={"name": name, "sort_order": order}
        )
    for order, name in enumerate(NEGLECT_TYPES):
        NeglectType.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": order}
        )
    for order, (name, slug) in enumerate(AGE_GROUPS):
        AgeGroup.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for order, code in enumerate(SECTORS):
        AudienceSector.objects.get_or_create(code=code, defaults={"sort_order": order})
