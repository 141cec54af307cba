"""Demo and volume data for the library: site pages, guides, briefings and team uses."""
