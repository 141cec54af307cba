"""Demo data for the toolkit: the neglect toolkit and two assessments."""
