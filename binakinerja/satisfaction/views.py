"""Managed pages of service units: settings, services, periods, paper entry, review."""
