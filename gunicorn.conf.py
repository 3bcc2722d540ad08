"""Gunicorn's settings for Bina Kinerja, read from the working directory by
`gunicorn binakinerja.wsgi` (flags on the command line win).

Processes rather than threads: the threads of one Python process take turns on one core (the
GIL), so a busy page holds up its neighbours. Measured by bench/deadline_rush.py (500 users
in an SKP deadline rush, PostgreSQL, 2 cores shared with the load generator): 6 processes × 2
threads served p95 200 ms where 4 × 4 queued to 0.7 s and 2 × 8 to 1.8 s; 8 × 1 queued too
(a kept-alive connection waits for its one thread). Three processes per core with two threads
each; WEB_CONCURRENCY sets the number of processes instead.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or 3 * multiprocessing.cpu_count())
threads = 2
worker_class = "gthread"
