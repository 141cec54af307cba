"""Demo and volume data for accounts: agencies and people."""
