"""Settings of the library that other apps read (the partnership reports among them)."""

# Days before a page's review date from which it is shown as due for review.
REVIEW_WARNING_DAYS = 30
