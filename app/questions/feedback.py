"""Messages about an action on an answer are shown at that answer.

After an action the page opens at the answer it was about (a redirect to `#answer-N`); messages at the top of
the page (the success, a badge just earned) would be out of sight there, a phone's screens away. The
redirect's own address says where the reader will be, so no view has to.
"""

import re

from flask import request, session

_PLACE = "_feedback_answer"
_ANSWER_ANCHOR = re.compile(r"#answer-(\d+)$")


def remember_place(response):
    """After an action (a POST) that sends the reader to an answer: the next messages belong there."""
    if request.method == "POST" and response.status_code in (302, 303) and response.location:
        anchor = _ANSWER_ANCHOR.search(response.location)
        if anchor:
            session[_PLACE] = int(anchor.group(1))
    return response


def take_place() -> int | None:
    """The answer that the reader's waiting messages are about, once; None when no message is waiting."""
    answer_id = session.pop(_PLACE, None) if _PLACE in session else None
    return answer_id if answer_id is not None and "_flashes" in session else None
