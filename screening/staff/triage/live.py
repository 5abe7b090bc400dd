"""The open queue's polling: a small answer that changes whenever the queue would, and the urgent count."""

from flask import jsonify

from screening.staff import bp
from screening.staff.triage import queue


@bp.get("/queue/state")
def queue_state():
    """What the queue's script polls: a version of the whole queue, and the urgent ones unacknowledged.

    No patient data, so it is not an audited display; the page refetched when the version moves is.
    """
    return jsonify(signed_in=True, version=queue.live_version(), unacknowledged=queue.unacknowledged_urgent())
