"""Who stands in which relationship to a learner, for the training side of the site."""

from elearning.accounts.selectors import confirmed_manager


def manager_of(user):
    """The learner's line manager for approvals, copies of e-mails and the impact follow-up,
    or None. Only a manager who has confirmed the relationship counts (see
    ``elearning.accounts.selectors.confirmed_manager``)."""
    return confirmed_manager(user)
