"""A keyring backend that takes 20 s to answer, like one waiting on an unlock prompt.

Loaded into the app's own process through PYTHON_KEYRING_BACKEND (tests only)."""

import sys
import time

from keyring.backend import KeyringBackend


class SlowKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        print(f"slow keyring asked for {service}/{username} INFO", file=sys.stderr, flush=True)
        time.sleep(20)
        return None

    def set_password(self, service, username, password):
        raise NotImplementedError

    def delete_password(self, service, username):
        raise NotImplementedError
