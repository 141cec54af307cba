"""Report sections come from the ``register_report_section`` Wagtail hook, in ``order``."""

from wagtail import hooks

from elearning.reports.sections import Section, all_sections, get_section


def test_sections_come_in_page_order():
    assert [section.slug for section in all_sections()] == [
        "people",
        "training-reach",
        "training-sessions",
        "confidence",
        "impact",
        "quizzes",
        "briefings",
        "content-review",
        "supervision",
        "neglect-toolkit",
    ]


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
