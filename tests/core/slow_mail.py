"""An e-mail backend for the worker-process tests: writes messages to files in
``TEST_MAIL_DIR``, after touching ``<dir>/sending`` and waiting ``TEST_MAIL_DELAY`` seconds, so a
test can kill a worker while it is in the middle of sending."""

import os
import time
from pathlib import Path

from django.core.mail.backends import filebased


class EmailBackend(filebased.EmailBackend):
    def __init__(self, *args, **kwargs):
        kwargs["file_path"] = os.environ["TEST_MAIL_DIR"]
        super().__init__(*args, **kwargs)

    def send_messages(self, email_messages):
        (Path(self.file_path) / "sending").touch()
        time.sleep(float(os.environ.get("TEST_MAIL_DELAY", "0")))
        return super().send_messages(email_messages)
