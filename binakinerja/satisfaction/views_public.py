"""The public survey pages: no login, no JavaScript needed, under 50 KB."""
