"""Service times: recording visits, daily aggregates, medians and 90th percentiles."""
