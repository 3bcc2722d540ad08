"""Entering and importing competency and potential assessments; technical competencies."""
