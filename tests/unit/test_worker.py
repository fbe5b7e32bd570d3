"""A worker's start-up objects are left out of the garbage collector's full passes; later cycles are not."""

import gc
import weakref

import pytest

from app.worker import freeze_startup_objects


class Node:
    def __init__(self):
        self.other = self


@pytest.fixture
def startup_object():
    made = Node()
    freeze_startup_objects()
    yield made
    gc.unfreeze()


def test_startup_objects_are_left_out_and_later_cycles_still_collected(startup_object):
    scanned = gc.get_objects()  # what a full pass walks
    assert not any(o is startup_object for o in scanned)
    later = Node()
    assert any(o is later for o in gc.get_objects())
    gone = weakref.ref(later)
    del later, scanned
    gc.collect()
    assert gone() is None
