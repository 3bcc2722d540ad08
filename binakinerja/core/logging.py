"""Log records carry UTC times (SECURITY.md)."""

import logging
import time


class UTCFormatter(logging.Formatter):
    converter = time.gmtime
