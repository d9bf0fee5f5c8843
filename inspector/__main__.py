import sys

from inspector.app import main

sys.exit(main())
