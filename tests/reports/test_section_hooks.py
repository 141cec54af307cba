"""Report sections come from the ``register_report_section`` Wagtail hook, in ``order``."""

from wagtail import hooks

from elearning.reports.sections import Section, all_sections, get_section

from .helpers import PARTNERSHIP_SECTIONS


def test_sections_come_in_page_order():
    assert [section.slug for section in all_sections()] == [
        *PARTNERSHIP_SECTIONS,
        "supervision",
        "neglect-toolkit",
    ]


def test_a_hook_may_return_several_sections():
    class First(Section):
        slug = "first-extra"
        order = 1

    class Second(Section):
        slug = "second-extra"
        order = 2

    with hooks.register_temporarily("register_report_section", lambda: [First(), Second()]):
        slugs = [section.slug for section in all_sections()]
    assert slugs[:3] == ["first-extra", "second-extra", "people"]


def test_an_app_adds_a_section_through_the_hook():
    class Extra(Section):
        slug = "extra"
        order = 15

    extra = Extra()
    with hooks.register_temporarily("register_report_section", lambda: extra):
        slugs = [section.slug for section in all_sections()]
        assert get_section("extra") is extra
    assert slugs.index("extra") == 1
    assert get_section("extra") is None
