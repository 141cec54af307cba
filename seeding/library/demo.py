# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Demo site pages: home page text, the accessibility statement and the privacy notice."""

from wagtail.models import Site

from elearning.library.models import FooterSettings, HomePage, StandardPage
from elearning.library.site_setup import site_address_apply

HOME_BODY = """
<p>This site brings together what the partnership has learned about child neglect and makes it
easy to use in everyday practice, whichever agency you work for.</p>
<ul>
<li>Read one-minute guides and 7-minute briefings, and learning from local and national case reviews.</li>
<li>Test your judgement with scenario quizzes that follow a family over time.</li>
<li>Book multi-agency training and keep your certificates in one place.</li>
<li>Keep a confidential, reflective record of supervision that only you and your supervisor can see.</li>
</ul>
"""

ACCESSIBILITY_BODY = """
<h2>Using this site</h2>
<p>We want as many people as possible to be able to use this site. You should be able to:</p>
<ul>
<li>change colours, contrast levels and fonts using your browser or device settings;</li>
<li>zoom in up to 400% without the text spilling off the screen;</li>
<li>get around the whole site using just a keyboard;</li>
<li>use the site with speech recognition software and screen readers;</li>
<li>print guides and briefings on A4 paper.</li>
</ul>
<h2>How accessible this site is</h2>
<p>We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every
page type is checked with automated accessibility tests each time the site changes, and the main
tasks are tested using a keyboard alone.</p>
<p>Some older documents attached to pages, such as PDFs produced by other organisations, may not
be fully accessible. Where we can, we publish a text version beside them.</p>
<h2>Reporting problems</h2>
<p>If you find a problem that is not listed here, or you need information in a different format,
contact the partnership team. We will reply within 5 working days.</p>
<h2>Enforcement</h2>
<p>The Equality and Human Rights Commission is responsible for enforcing the Public Sector Bodies
(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy
with how we respond to your complaint, contact the Equality Advisory and Support Service.</p>
"""

PRIVACY_BODY = """
<h2>Who we are</h2>
<p>The safeguarding children partnership runs this site for practitioners in the agencies that work
with children and families in its area. The partnership is the data controller for the personal
information held here.</p>
<h2>What we hold and why</h2>
<ul>
<li><strong>Your account</strong>: name, work e-mail address, agency and job title, so you can sign in
and so the partnership can see how training reaches each agency.</li>
<li><strong>Your learning</strong>: quiz attempts, course progress, bookings, attendance and
certificates, so you can keep a record of your development and the partnership can plan training.</li>
<li><strong>Supervision records</strong>: notes of reflective supervision between you and your
supervisor. These can include information about your wellbeing and are treated as special
category data.</li>
</ul>
<h2>Lawful basis</h2>
<p>Account and learning information is processed to carry out the partnership's public task under
the Children Act 2004 and Working Together to Safeguard Children 2023. Supervision records are
processed for reasons of substantial public interest (safeguarding children and individuals at
risk), under the Data Protection Act 2018, Schedule 1.</p>
<h2>Who can see supervision records</h2>
<p>Only you, your supervisor while a supervision agreement between you is active, and a named person
you or your supervisor escalate a case discussion to. Partnership staff and administrators cannot
read them: they see only counts and percentages that do not identify anyone. Every time a record is
opened, exported or changed, this is logged, and you can see who has viewed your records.</p>
<p>Case references in supervision are pseudonyms. The site refuses names, dates of birth, NHS numbers,
addresses and postcodes of children and families.</p>
<h2>How long we keep information</h2>
<p>Supervision records are kept for six years after you leave your post, unless a legal hold applies,
and are then deleted. Learning records are kept while you have an account and for six years after
it closes, so certificates can still be checked.</p>
<h2>Your rights</h2>
<p>You can ask for a copy of your information, ask for it to be corrected, and in some cases ask for
it to be deleted or for its use to be restricted. You can export your own reflective entries as
evidence of continuing professional development at any time. If you are unhappy with how your
information is used, you can complain to the Information Commissioner's Office.</p>
"""


def _child_page(parent, model, slug: str, **fields):
    """Create and publish a page once; later runs leave editors' changes alone."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def seed_demo() -> None:
    home = HomePage.objects.get()
    if not home.body:
        home.body = HOME_BODY.strip()
        home.save_revision().publish()

    accessibility = _child_page(
        home,
        StandardPage,
        "accessibility",
        title="Accessibility statement",
        summary="How accessible this site is and how to tell us about a problem.",
        body=ACCESSIBILITY_BODY.strip(),
    )
    privacy = _child_page(
        home,
        StandardPage,
        "privacy",
        title="Privacy notice",
        summary="What personal information this site holds, why, who can see it and for how long.",
        body=PRIVACY_BODY.strip(),
    )
    # BASE_URL is http://127.0.0.1:8000 for ``make demo``, where the demo is served.
    site = site_address_apply(Site.objects.get(is_default_site=True))
    footer = FooterSettings.for_site(site)
    footer.accessibility_page = accessibility
    footer.privacy_page = privacy
    footer.save()

    from seeding.library.pages import library_demo_seed

    library_demo_seed()
