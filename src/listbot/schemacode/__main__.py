"""``python -m listbot.schemacode``: write the validator modules again from the schemas."""

import sys

from listbot.schemacode import main

sys.exit(main())
