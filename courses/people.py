"""Who stands in which relationship to a learner, for the training side of the site."""


def manager_of(user):
    """The learner's line manager for approvals, copies of e-mails and the impact follow-up,
    or None."""
    return user.manager if user.manager_id else None
