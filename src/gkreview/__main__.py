import sys

from gkreview.cli import main

sys.exit(main())
