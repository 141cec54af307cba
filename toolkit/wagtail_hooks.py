"""The toolkit's section of the partnership reports."""

from wagtail import hooks

from . import report


@hooks.register("register_report_section")
def toolkit_report_section():
    return report.section
