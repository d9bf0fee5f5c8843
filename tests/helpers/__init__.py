"""What several test packages share (importable as ``helpers``: tests/ is on sys.path)."""
