"""Keeping an uploaded file between the preview and the confirmation.

The file itself is kept (in the default storage, under a random name recorded
in the uploader's session) rather than what was read from it, so the confirm
step reads and checks it again against the database as it is then.
"""

import datetime
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "transfer-uploads"
SESSION_KEY = "transfer_upload"
KEEP_FOR = datetime.timedelta(days=1)


def stage(request, kind, content, filename, **details):
    _remove_old()
    discard(request)
    path = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.upload", ContentFile(content))
    request.session[SESSION_KEY] = {"kind": kind, "path": path, "filename": filename, **details}


def staged(request, kind):
    """(content, details) of this user's staged upload of this kind, or None."""
    details = request.session.get(SESSION_KEY)
    if not details or details.get("kind") != kind or not default_storage.exists(details["path"]):
        return None
    with default_storage.open(details["path"], "rb") as handle:
        return handle.read(), details


def update(request, **changes):
    """Record the officer's choices (columns, words, table) with the staged file; returns the details."""
    details = {**request.session.get(SESSION_KEY, {}), **changes}
    request.session[SESSION_KEY] = details
    return details


def hand_over(request):
    """The staged upload's details, forgotten by the session but with the file kept
    in storage: a queued task (transfer.tasks) reads it, then removes it."""
    return request.session.pop(SESSION_KEY, None)


def discard(request):
    details = request.session.pop(SESSION_KEY, None)
    if details and default_storage.exists(details["path"]):
        default_storage.delete(details["path"])


def _remove_old():
    """Uploads nobody confirmed are removed after a day."""
    if not default_storage.exists(FOLDER):
        return
    cutoff = timezone.now() - KEEP_FOR
    for name in default_storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
