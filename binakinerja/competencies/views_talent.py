"""Gaps, job-person match, the heat map and the 9-box talent map."""
