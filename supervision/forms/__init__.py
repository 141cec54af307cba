"""Forms for supervision. They validate input only; the services decide what is allowed."""

from .agreements import AgreementAnswerForm, AgreementForm, ShareForm
from .common import VersionedForm
from .discussions import (
    ActionsReviewForm,
    DiscussionForm,
    GeneralActionForm,
    NewActionForm,
    NewActionFormSet,
)
from .escalations import EscalationForm, EscalationOutcomeForm, FlagResponseForm
from .records import AddendumForm, RecordEditForm, RecordForm, SignForm
from .reflections import ReflectionForm

__all__ = [
    "VersionedForm",
    "AgreementForm",
    "AgreementAnswerForm",
    "ShareForm",
    "RecordForm",
    "RecordEditForm",
    "SignForm",
    "AddendumForm",
    "DiscussionForm",
    "NewActionForm",
    "NewActionFormSet",
    "ActionsReviewForm",
    "GeneralActionForm",
    "ReflectionForm",
    "FlagResponseForm",
    "EscalationForm",
    "EscalationOutcomeForm",
]
