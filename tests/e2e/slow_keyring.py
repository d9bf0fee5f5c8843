"""A keyring backend that takes 20 s to answer, like one waiting on an unlock prompt.

Loaded into the app's own process through PYTHON_KEYRING_BACKEND (tests only)."""

import time

from keyring.backend import KeyringBackend


class SlowKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        time.sleep(20)
        return None

    def set_password(self, service, username, password):
        raise NotImplementedError

    def delete_password(self, service, username):
        raise NotImplementedError
