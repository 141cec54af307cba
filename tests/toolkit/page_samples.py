"""Samples of the toolkit page types for the accessibility sweep and XSS checks."""

from tests.toolkit.factories import make_toolkit
from toolkit.models import ToolkitPage

SAMPLES = {ToolkitPage: make_toolkit}
