"""Demo and volume data for courses: courses, sessions, bookings, certificates and impact."""
