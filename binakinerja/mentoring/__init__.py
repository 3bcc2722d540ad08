"""Mentoring: seniors developing juniors (issue 14). Only the pure matching rule so far."""
