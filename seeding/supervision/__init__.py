"""Demo and volume data for supervision: agreements and reflective records."""
